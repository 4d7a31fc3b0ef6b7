using DenialPipeline.Pipeline;
using System.Globalization;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Resolution;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Metrics;

/// <summary>Every claim an ingest reads (denied or not), by month of the remittance × payer × provider: the denominator of denial rates.</summary>
public sealed class ClaimsReceived
{
    private readonly List<(DateOnly? Month, string Payer, string Provider, long Cents)> _claims = [];

    public int Count => _claims.Count;

    /// <summary>Counts the claim; a reversal (CLP02 22) is not a claim received, it undoes an earlier payment.</summary>
    public void Add(RemittanceTransaction tx, ClaimPayment claim)
    {
        if (claim.Reversal) return;
        _claims.Add((tx.PaymentDate ?? tx.ProductionDate, CaseIndex.PayerKey(tx.Payer.Id, tx.Payer.Name),
            MetricsContribution.ProviderOf(claim.RenderingProvider?.Id, tx.Payee.Id), Counter.Cents(claim.Charge)));
    }

    public MetricsContribution ToContribution(DateOnly whenUndated)
    {
        var result = new MetricsContribution();
        foreach (var (month, payer, provider, cents) in _claims)
        {
            var key = new MetricsCellKey(MetricsCellKey.MonthPartition(month ?? whenUndated), payer, "", provider, "");
            result.Add(key, Counter.ClaimsReceived, 1);
            result.Add(key, Counter.ReceivedCents, cents);
        }
        return result;
    }
}
