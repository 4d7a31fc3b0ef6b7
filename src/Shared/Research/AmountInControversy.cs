namespace DenialPipeline.Research;

/// <summary>
/// The amount in controversy of a Medicare ALJ hearing request against the threshold of the calendar year the request is
/// filed in (42 CFR 405.1006; CMS publishes the figure each year in the Federal Register). <see cref="Threshold"/> is null
/// when no threshold for that year is on file (<c>Research/Data/medicare-aic-thresholds.csv</c>): the check could not be made.
/// </summary>
public sealed record AmountInControversy(decimal Amount, int Year, decimal? Threshold, string? Source)
{
    /// <summary>Whether the amount meets the year's threshold; null when the threshold is not on file.</summary>
    public bool? Meets => Threshold is { } t ? Amount >= t : null;
}
