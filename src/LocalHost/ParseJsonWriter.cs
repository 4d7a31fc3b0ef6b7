using System.Runtime.CompilerServices;
using System.Text.Json;
using DenialPipeline.X12;

namespace DenialPipeline.LocalHost;

/// <summary>
/// Writes <c>parse --json</c> as the file is read: each claim goes out through a <see cref="Utf8JsonWriter"/> as soon
/// as it is read, so memory stays flat in the file's size (issue #22). The output is the shape of
/// <see cref="ParseJson.Document"/>, byte for byte what serializing it gives (compact, or indented with
/// <c>--pretty</c>). Warnings and errors follow the transactions in that shape, so they are held until the end.
/// </summary>
public sealed class ParseJsonWriter : IAsyncDisposable
{
    // Flush to the stream once this much is pending: large enough to keep writes few, small enough to stay flat.
    private const int FlushBytes = 64 * 1024;

    private readonly Stream _output;
    private readonly Utf8JsonWriter _json;
    private readonly List<X12Issue> _issues = [];

    public ParseJsonWriter(Stream output, bool pretty)
    {
        _output = output;
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = pretty, SkipValidation = true });
    }

    /// <summary>Writes every event of <paramref name="events"/>, then the issues, and closes the document.</summary>
    public async Task WriteAsync(IAsyncEnumerable<RemittanceEvent> events, string? csvMapping, CancellationToken cancellationToken)
    {
        Start();
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Add(e);
            if (_json.BytesPending >= FlushBytes) await _json.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        await FinishAsync(csvMapping, cancellationToken).ConfigureAwait(false);
    }

    private void Start()
    {
        _json.WriteStartObject();
        _json.WriteStartArray(P.Transactions);
    }

    private void Add(RemittanceEvent e)
    {
        switch (e)
        {
            case TransactionStarted s: StartTransaction(s.Transaction); break;
            case ClaimRead c: WriteClaim(c.Claim); break;
            case TransactionEnded t: EndTransaction(t.ProviderAdjustments); break;
            case IssueFound i: _issues.Add(i.Issue); break;
        }
    }

    private void StartTransaction(RemittanceTransaction tx)
    {
        var j = _json;
        j.WriteStartObject();
        j.WriteString(P.ControlNumber, tx.ControlNumber);
        Party(P.Payer, tx.Payer.Id, tx.Payer.Name);
        Party(P.Payee, tx.Payee.Id, tx.Payee.Name);
        j.WriteNumber(P.PaymentAmount, tx.PaymentAmount);
        j.WriteString(P.TraceNumber, tx.TraceNumber);
        Date(P.PaymentDate, tx.PaymentDate);
        j.WriteStartArray(P.Claims);
    }

    private void EndTransaction(IReadOnlyList<ProviderAdjustment> adjustments)
    {
        var j = _json;
        j.WriteEndArray();
        j.WriteStartArray(P.ProviderAdjustments);
        foreach (var p in adjustments)
        {
            j.WriteStartObject();
            j.WriteString(P.ProviderId, p.ProviderId);
            j.WriteString(P.ReasonCode, p.ReasonCode);
            j.WriteString(P.Reference, p.Reference);
            j.WriteNumber(P.Amount, p.Amount);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteClaim(ClaimPayment c)
    {
        var j = _json;
        j.WriteStartObject();
        j.WriteString(P.PatientControlNumber, c.PatientControlNumber);
        j.WriteString(P.Status, c.Status);
        j.WriteNumber(P.Charge, c.Charge);
        j.WriteNumber(P.Paid, c.Paid);
        Number(P.PatientResponsibility, c.PatientResponsibility);
        j.WriteString(P.PayerClaimControlNumber, c.PayerClaimControlNumber);
        j.WriteBoolean(P.Denied, c.Denied);
        j.WriteBoolean(P.Reversal, c.Reversal);
        Adjustments(c.Adjustments);
        Strings(P.Remarks, c.Remarks);
        j.WriteStartArray(P.Lines);
        foreach (var l in c.Lines)
        {
            j.WriteStartObject();
            j.WriteString(P.Procedure, l.Procedure);
            Strings(P.Modifiers, l.Modifiers);
            j.WriteNumber(P.Charge, l.Charge);
            j.WriteNumber(P.Paid, l.Paid);
            Number(P.Units, l.Units);
            j.WriteBoolean(P.Denied, c.IsLineDenied(l));
            Adjustments(l.Adjustments);
            Strings(P.Remarks, l.Remarks);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Adjustments(IReadOnlyList<Adjustment> adjustments)
    {
        var j = _json;
        j.WriteStartArray(P.Adjustments);
        foreach (var a in adjustments)
        {
            j.WriteStartObject();
            j.WriteString(P.Level, a.Level == AdjustmentLevel.Claim ? "claim" : "line");
            j.WriteString(P.Group, a.Group);
            j.WriteString(P.Reason, a.Reason);
            j.WriteNumber(P.Amount, a.Amount);
            Number(P.Quantity, a.Quantity);
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }

    private async Task FinishAsync(string? csvMapping, CancellationToken cancellationToken)
    {
        var j = _json;
        j.WriteEndArray();
        Issues(P.Warnings, X12IssueSeverity.Warning);
        Issues(P.Errors, X12IssueSeverity.Error);
        if (csvMapping is not null) j.WriteString(P.CsvMapping, csvMapping);
        j.WriteEndObject();
        await j.FlushAsync(cancellationToken).ConfigureAwait(false);
        // The in-memory form was printed with WriteLine: the same newline ends the streamed document.
        await _output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(Environment.NewLine), cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Issues(JsonEncodedText name, X12IssueSeverity severity)
    {
        var j = _json;
        j.WriteStartArray(name);
        foreach (var i in _issues)
        {
            if (i.Severity != severity) continue;
            j.WriteStartObject();
            j.WriteNumber(P.SegmentIndex, i.Position.SegmentIndex);
            j.WriteNumber(P.ByteOffset, i.Position.ByteOffset);
            j.WriteString(P.Code, i.Code);
            j.WriteString(P.Message, i.Message);
            j.WriteString(P.Transaction, i.TransactionControlNumber);
            j.WriteString(P.Claim, i.PatientControlNumber);
            if (i.Row is { } row) j.WriteNumber(P.Row, row);
            if (i.Column is { } column) j.WriteString(P.Column, column);
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }

    private void Party(JsonEncodedText name, string? id, string? partyName)
    {
        _json.WriteStartObject(name);
        _json.WriteString(P.Id, id);
        _json.WriteString(P.Name, partyName);
        _json.WriteEndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Strings(JsonEncodedText name, IReadOnlyList<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var v in values) _json.WriteStringValue(v);
        _json.WriteEndArray();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Number(JsonEncodedText name, decimal? value)
    {
        if (value is { } v) _json.WriteNumber(name, v);
        else _json.WriteNull(name);
    }

    private void Date(JsonEncodedText name, DateOnly? value)
    {
        if (value is not { } d) { _json.WriteNull(name); return; }
        Span<char> text = stackalloc char[10];
        d.TryFormat(text, out var n, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        _json.WriteString(name, text[..n]);
    }

    public async ValueTask DisposeAsync()
    {
        await _json.DisposeAsync().ConfigureAwait(false);
    }

    // Property names encoded once: encoding them on every claim was a visible share of the writer's time.
    private static class P
    {
        public static readonly JsonEncodedText Warnings = JsonEncodedText.Encode("warnings");
        public static readonly JsonEncodedText Errors = JsonEncodedText.Encode("errors");
        public static readonly JsonEncodedText Adjustments = JsonEncodedText.Encode("adjustments");
        public static readonly JsonEncodedText Amount = JsonEncodedText.Encode("amount");
        public static readonly JsonEncodedText ByteOffset = JsonEncodedText.Encode("byteOffset");
        public static readonly JsonEncodedText Charge = JsonEncodedText.Encode("charge");
        public static readonly JsonEncodedText Claim = JsonEncodedText.Encode("claim");
        public static readonly JsonEncodedText Claims = JsonEncodedText.Encode("claims");
        public static readonly JsonEncodedText Code = JsonEncodedText.Encode("code");
        public static readonly JsonEncodedText Column = JsonEncodedText.Encode("column");
        public static readonly JsonEncodedText ControlNumber = JsonEncodedText.Encode("controlNumber");
        public static readonly JsonEncodedText CsvMapping = JsonEncodedText.Encode("csvMapping");
        public static readonly JsonEncodedText Denied = JsonEncodedText.Encode("denied");
        public static readonly JsonEncodedText Group = JsonEncodedText.Encode("group");
        public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
        public static readonly JsonEncodedText Level = JsonEncodedText.Encode("level");
        public static readonly JsonEncodedText Lines = JsonEncodedText.Encode("lines");
        public static readonly JsonEncodedText Message = JsonEncodedText.Encode("message");
        public static readonly JsonEncodedText Modifiers = JsonEncodedText.Encode("modifiers");
        public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
        public static readonly JsonEncodedText Paid = JsonEncodedText.Encode("paid");
        public static readonly JsonEncodedText PatientControlNumber = JsonEncodedText.Encode("patientControlNumber");
        public static readonly JsonEncodedText PatientResponsibility = JsonEncodedText.Encode("patientResponsibility");
        public static readonly JsonEncodedText Payee = JsonEncodedText.Encode("payee");
        public static readonly JsonEncodedText Payer = JsonEncodedText.Encode("payer");
        public static readonly JsonEncodedText PayerClaimControlNumber = JsonEncodedText.Encode("payerClaimControlNumber");
        public static readonly JsonEncodedText PaymentAmount = JsonEncodedText.Encode("paymentAmount");
        public static readonly JsonEncodedText PaymentDate = JsonEncodedText.Encode("paymentDate");
        public static readonly JsonEncodedText Procedure = JsonEncodedText.Encode("procedure");
        public static readonly JsonEncodedText ProviderAdjustments = JsonEncodedText.Encode("providerAdjustments");
        public static readonly JsonEncodedText ProviderId = JsonEncodedText.Encode("providerId");
        public static readonly JsonEncodedText Quantity = JsonEncodedText.Encode("quantity");
        public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
        public static readonly JsonEncodedText ReasonCode = JsonEncodedText.Encode("reasonCode");
        public static readonly JsonEncodedText Reference = JsonEncodedText.Encode("reference");
        public static readonly JsonEncodedText Remarks = JsonEncodedText.Encode("remarks");
        public static readonly JsonEncodedText Reversal = JsonEncodedText.Encode("reversal");
        public static readonly JsonEncodedText Row = JsonEncodedText.Encode("row");
        public static readonly JsonEncodedText SegmentIndex = JsonEncodedText.Encode("segmentIndex");
        public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
        public static readonly JsonEncodedText TraceNumber = JsonEncodedText.Encode("traceNumber");
        public static readonly JsonEncodedText Transaction = JsonEncodedText.Encode("transaction");
        public static readonly JsonEncodedText Transactions = JsonEncodedText.Encode("transactions");
        public static readonly JsonEncodedText Units = JsonEncodedText.Encode("units");
    }
}
