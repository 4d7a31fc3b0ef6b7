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
        _json = new Utf8JsonWriter(output, new JsonWriterOptions { Indented = pretty });
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
        _json.WriteStartArray("transactions");
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
        j.WriteString("controlNumber", tx.ControlNumber);
        Party("payer", tx.Payer.Id, tx.Payer.Name);
        Party("payee", tx.Payee.Id, tx.Payee.Name);
        j.WriteNumber("paymentAmount", tx.PaymentAmount);
        j.WriteString("traceNumber", tx.TraceNumber);
        Date("paymentDate", tx.PaymentDate);
        j.WriteStartArray("claims");
    }

    private void EndTransaction(IReadOnlyList<ProviderAdjustment> adjustments)
    {
        var j = _json;
        j.WriteEndArray();
        j.WriteStartArray("providerAdjustments");
        foreach (var p in adjustments)
        {
            j.WriteStartObject();
            j.WriteString("providerId", p.ProviderId);
            j.WriteString("reasonCode", p.ReasonCode);
            j.WriteString("reference", p.Reference);
            j.WriteNumber("amount", p.Amount);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    private void WriteClaim(ClaimPayment c)
    {
        var j = _json;
        j.WriteStartObject();
        j.WriteString("patientControlNumber", c.PatientControlNumber);
        j.WriteString("status", c.Status);
        j.WriteNumber("charge", c.Charge);
        j.WriteNumber("paid", c.Paid);
        Number("patientResponsibility", c.PatientResponsibility);
        j.WriteString("payerClaimControlNumber", c.PayerClaimControlNumber);
        j.WriteBoolean("denied", c.Denied);
        j.WriteBoolean("reversal", c.Reversal);
        Adjustments(c.Adjustments);
        Strings("remarks", c.Remarks);
        j.WriteStartArray("lines");
        foreach (var l in c.Lines)
        {
            j.WriteStartObject();
            j.WriteString("procedure", l.Procedure);
            Strings("modifiers", l.Modifiers);
            j.WriteNumber("charge", l.Charge);
            j.WriteNumber("paid", l.Paid);
            Number("units", l.Units);
            j.WriteBoolean("denied", c.IsLineDenied(l));
            Adjustments(l.Adjustments);
            Strings("remarks", l.Remarks);
            j.WriteEndObject();
        }
        j.WriteEndArray();
        j.WriteEndObject();
    }

    private void Adjustments(IReadOnlyList<Adjustment> adjustments)
    {
        var j = _json;
        j.WriteStartArray("adjustments");
        foreach (var a in adjustments)
        {
            j.WriteStartObject();
            j.WriteString("level", a.Level == AdjustmentLevel.Claim ? "claim" : "line");
            j.WriteString("group", a.Group);
            j.WriteString("reason", a.Reason);
            j.WriteNumber("amount", a.Amount);
            Number("quantity", a.Quantity);
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }

    private async Task FinishAsync(string? csvMapping, CancellationToken cancellationToken)
    {
        var j = _json;
        j.WriteEndArray();
        Issues("warnings", X12IssueSeverity.Warning);
        Issues("errors", X12IssueSeverity.Error);
        if (csvMapping is not null) j.WriteString("csvMapping", csvMapping);
        j.WriteEndObject();
        await j.FlushAsync(cancellationToken).ConfigureAwait(false);
        // The in-memory form was printed with WriteLine: the same newline ends the streamed document.
        await _output.WriteAsync(System.Text.Encoding.UTF8.GetBytes(Environment.NewLine), cancellationToken).ConfigureAwait(false);
        await _output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private void Issues(string name, X12IssueSeverity severity)
    {
        var j = _json;
        j.WriteStartArray(name);
        foreach (var i in _issues)
        {
            if (i.Severity != severity) continue;
            j.WriteStartObject();
            j.WriteNumber("segmentIndex", i.Position.SegmentIndex);
            j.WriteNumber("byteOffset", i.Position.ByteOffset);
            j.WriteString("code", i.Code);
            j.WriteString("message", i.Message);
            j.WriteString("transaction", i.TransactionControlNumber);
            j.WriteString("claim", i.PatientControlNumber);
            if (i.Row is { } row) j.WriteNumber("row", row);
            if (i.Column is { } column) j.WriteString("column", column);
            j.WriteEndObject();
        }
        j.WriteEndArray();
    }

    private void Party(string name, string? id, string? partyName)
    {
        _json.WriteStartObject(name);
        _json.WriteString("id", id);
        _json.WriteString("name", partyName);
        _json.WriteEndObject();
    }

    private void Strings(string name, IReadOnlyList<string> values)
    {
        _json.WriteStartArray(name);
        foreach (var v in values) _json.WriteStringValue(v);
        _json.WriteEndArray();
    }

    private void Number(string name, decimal? value)
    {
        if (value is { } v) _json.WriteNumber(name, v);
        else _json.WriteNull(name);
    }

    private void Date(string name, DateOnly? value)
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
}
