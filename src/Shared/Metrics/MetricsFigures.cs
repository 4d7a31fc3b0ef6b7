using System.Globalization;
using DenialPipeline.Cases;

namespace DenialPipeline.Metrics;

/// <summary>Figures of one group (a month, category, payer, provider or coder; or the totals). Rates are 0–1, null when the denominator is 0.</summary>
public sealed record MetricsFigures(
    string Key,
    long ClaimsReceived, decimal AmountReceived, long ClaimsDenied, decimal AmountDenied, double? DenialRate,
    long Overturned, long PartiallyOverturned, long Upheld, long WrittenOff, long PatientBilled, long Rebilled, long Resolved,
    double? OverturnRate, decimal AmountRecovered, double? MedianDaysToResolution, int? P90DaysToResolution,
    long LettersApproved, long DeadlinesMissed);
