using System.Runtime.CompilerServices;
using DenialPipeline.X12;

namespace DenialPipeline.LocalHost;

/// <summary>
/// Writes <c>parse --json</c> as the file is read: each claim goes out through a <see cref="JsonEmitter"/> as soon
/// as it is read, so memory stays flat in the file's size (issue #22). The output is the shape of
/// <see cref="ParseJson.Document"/>, byte for byte what serializing it gives (compact, or indented with
/// <c>--pretty</c>). Warnings and errors follow the transactions in that shape, so they are held until the end.
/// </summary>
public sealed class ParseJsonWriter : IAsyncDisposable
{
    // Flush to the stream once this much is pending: large enough to keep writes few (256 KB took 4 % off a 100 MB
    // `parse --json` written to a file against 32 KB: docs/benchmarks.md), small enough to stay flat, and below the
    // emitter's buffer, so the flush happens here between events rather than inside the emitter mid-claim.
    private const int FlushBytes = 256 * 1024;

    private readonly Stream _output;
    private readonly JsonEmitter _json;
    private readonly List<X12Issue> _issues = [];

    public ParseJsonWriter(Stream output, bool pretty)
    {
        _output = output;
        _json = new JsonEmitter(output, pretty);
    }

    /// <summary>Writes every event of <paramref name="events"/>, then the issues, and closes the document.</summary>
    public async Task WriteAsync(IAsyncEnumerable<RemittanceEvent> events, string? csvMapping, CancellationToken cancellationToken)
    {
        Start();
        await foreach (var e in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            Add(e);
            // A blocking write: an asynchronous one hops to a pool thread per flush, which costs more than the write.
            if (_json.Pending >= FlushBytes) _json.Flush();
        }
        await FinishAsync(csvMapping, cancellationToken).ConfigureAwait(false);
    }

    private void Start()
    {
        _json.StartObject();
        _json.StartArray(P.Transactions);
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
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
        j.StartObject();
        j.String(P.ControlNumber, tx.ControlNumber);
        Party(P.Payer, tx.Payer.Id, tx.Payer.Name);
        Party(P.Payee, tx.Payee.Id, tx.Payee.Name);
        j.Number(P.PaymentAmount, tx.PaymentAmount);
        j.String(P.TraceNumber, tx.TraceNumber);
        Date(P.PaymentDate, tx.PaymentDate);
        j.StartArray(P.Claims);
    }

    private void EndTransaction(IReadOnlyList<ProviderAdjustment> adjustments)
    {
        var j = _json;
        j.EndArray();
        j.StartArray(P.ProviderAdjustments);
        foreach (var p in adjustments)
        {
            j.StartObject();
            j.String(P.ProviderId, p.ProviderId);
            j.String(P.ReasonCode, p.ReasonCode);
            j.String(P.Reference, p.Reference);
            j.Number(P.Amount, p.Amount);
            j.EndObject();
        }
        j.EndArray();
        j.EndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void WriteClaim(ClaimPayment c)
    {
        var j = _json;
        j.StartObject();
        j.String(P.PatientControlNumber, c.PatientControlNumber);
        j.String(P.Status, c.Status);
        j.Number(P.Charge, c.Charge);
        j.Number(P.Paid, c.Paid);
        Number(P.PatientResponsibility, c.PatientResponsibility);
        j.String(P.PayerClaimControlNumber, c.PayerClaimControlNumber);
        j.Boolean(P.Denied, c.Denied);
        j.Boolean(P.Reversal, c.Reversal);
        Adjustments(c.Adjustments);
        Strings(P.Remarks, c.Remarks);
        j.StartArray(P.Lines);
        foreach (var l in Items(c.Lines))
        {
            j.StartObject();
            j.String(P.Procedure, l.Procedure);
            Strings(P.Modifiers, l.Modifiers);
            j.Number(P.Charge, l.Charge);
            j.Number(P.Paid, l.Paid);
            Number(P.Units, l.Units);
            j.Boolean(P.Denied, c.IsLineDenied(l));
            Adjustments(l.Adjustments);
            Strings(P.Remarks, l.Remarks);
            j.EndObject();
        }
        j.EndArray();
        j.EndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Adjustments(IReadOnlyList<Adjustment> adjustments)
    {
        var j = _json;
        j.StartArray(P.Adjustments);
        foreach (var a in Items(adjustments))
        {
            j.StartObject();
            j.Raw(P.Level, a.Level == AdjustmentLevel.Claim ? "\"claim\""u8 : "\"line\""u8);
            j.String(P.Group, a.Group);
            j.String(P.Reason, a.Reason);
            j.Number(P.Amount, a.Amount);
            Number(P.Quantity, a.Quantity);
            j.EndObject();
        }
        j.EndArray();
    }

    private async Task FinishAsync(string? csvMapping, CancellationToken cancellationToken)
    {
        var j = _json;
        j.EndArray();
        Issues(P.Warnings, X12IssueSeverity.Warning);
        Issues(P.Errors, X12IssueSeverity.Error);
        if (csvMapping is not null) j.String(P.CsvMapping, csvMapping);
        j.EndObject();
        await j.FlushAsync(cancellationToken).ConfigureAwait(false);
        // The in-memory form was printed with WriteLine: the same newline ends the streamed document.
        await _output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(Environment.NewLine), cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Issues(JsonEmitter.Name name, X12IssueSeverity severity)
    {
        var j = _json;
        j.StartArray(name);
        foreach (var i in _issues)
        {
            if (i.Severity != severity) continue;
            j.StartObject();
            j.Number(P.SegmentIndex, i.Position.SegmentIndex);
            j.Number(P.ByteOffset, i.Position.ByteOffset);
            j.String(P.Code, i.Code);
            j.String(P.Message, i.Message);
            j.String(P.Transaction, i.TransactionControlNumber);
            j.String(P.Claim, i.PatientControlNumber);
            if (i.Row is { } row) j.Number(P.Row, row);
            if (i.Column is { } column) j.String(P.Column, column);
            j.EndObject();
        }
        j.EndArray();
    }

    private void Party(JsonEmitter.Name name, string? id, string? partyName)
    {
        _json.StartObject(name);
        _json.String(P.Id, id);
        _json.String(P.Name, partyName);
        _json.EndObject();
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Strings(JsonEmitter.Name name, IReadOnlyList<string> values)
    {
        _json.StartArray(name);
        foreach (var v in Items(values)) _json.StringValue(v);
        _json.EndArray();
    }

    // The reader builds arrays: read them as spans, without an interface call per item; anything else is copied once.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ReadOnlySpan<T> Items<T>(IReadOnlyList<T> list) => list as T[] ?? [.. list];

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Number(JsonEmitter.Name name, decimal? value)
    {
        if (value is { } v) _json.Number(name, v);
        else _json.Null(name);
    }

    private void Date(JsonEmitter.Name name, DateOnly? value)
    {
        if (value is not { } d) { _json.Null(name); return; }
        Span<char> text = stackalloc char[10];
        d.TryFormat(text, out var n, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        _json.String(name, text[..n]);
    }

    public async ValueTask DisposeAsync()
    {
        await _json.FlushAsync(CancellationToken.None).ConfigureAwait(false);
    }

    // Property names encoded once: encoding them on every claim was a visible share of the writer's time.
    private static class P
    {
        public static readonly JsonEmitter.Name Warnings = new("warnings");
        public static readonly JsonEmitter.Name Errors = new("errors");
        public static readonly JsonEmitter.Name Adjustments = new("adjustments");
        public static readonly JsonEmitter.Name Amount = new("amount");
        public static readonly JsonEmitter.Name ByteOffset = new("byteOffset");
        public static readonly JsonEmitter.Name Charge = new("charge");
        public static readonly JsonEmitter.Name Claim = new("claim");
        public static readonly JsonEmitter.Name Claims = new("claims");
        public static readonly JsonEmitter.Name Code = new("code");
        public static readonly JsonEmitter.Name Column = new("column");
        public static readonly JsonEmitter.Name ControlNumber = new("controlNumber");
        public static readonly JsonEmitter.Name CsvMapping = new("csvMapping");
        public static readonly JsonEmitter.Name Denied = new("denied");
        public static readonly JsonEmitter.Name Group = new("group");
        public static readonly JsonEmitter.Name Id = new("id");
        public static readonly JsonEmitter.Name Level = new("level");
        public static readonly JsonEmitter.Name Lines = new("lines");
        public static readonly JsonEmitter.Name Message = new("message");
        public static readonly JsonEmitter.Name Modifiers = new("modifiers");
        public static readonly JsonEmitter.Name Name = new("name");
        public static readonly JsonEmitter.Name Paid = new("paid");
        public static readonly JsonEmitter.Name PatientControlNumber = new("patientControlNumber");
        public static readonly JsonEmitter.Name PatientResponsibility = new("patientResponsibility");
        public static readonly JsonEmitter.Name Payee = new("payee");
        public static readonly JsonEmitter.Name Payer = new("payer");
        public static readonly JsonEmitter.Name PayerClaimControlNumber = new("payerClaimControlNumber");
        public static readonly JsonEmitter.Name PaymentAmount = new("paymentAmount");
        public static readonly JsonEmitter.Name PaymentDate = new("paymentDate");
        public static readonly JsonEmitter.Name Procedure = new("procedure");
        public static readonly JsonEmitter.Name ProviderAdjustments = new("providerAdjustments");
        public static readonly JsonEmitter.Name ProviderId = new("providerId");
        public static readonly JsonEmitter.Name Quantity = new("quantity");
        public static readonly JsonEmitter.Name Reason = new("reason");
        public static readonly JsonEmitter.Name ReasonCode = new("reasonCode");
        public static readonly JsonEmitter.Name Reference = new("reference");
        public static readonly JsonEmitter.Name Remarks = new("remarks");
        public static readonly JsonEmitter.Name Reversal = new("reversal");
        public static readonly JsonEmitter.Name Row = new("row");
        public static readonly JsonEmitter.Name SegmentIndex = new("segmentIndex");
        public static readonly JsonEmitter.Name Status = new("status");
        public static readonly JsonEmitter.Name TraceNumber = new("traceNumber");
        public static readonly JsonEmitter.Name Transaction = new("transaction");
        public static readonly JsonEmitter.Name Transactions = new("transactions");
        public static readonly JsonEmitter.Name Units = new("units");
    }
}
