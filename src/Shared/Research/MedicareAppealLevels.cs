using System.Globalization;
using DenialPipeline.Codes;

namespace DenialPipeline.Research;

/// <summary>
/// Original Medicare's later appeal levels for a case that continues an upheld appeal (resolution raised its appeal level):
/// level 2, a reconsideration by the QIC named on the redetermination notice, 180 days from its receipt (42 CFR 405.962,
/// 405.964); level 3, an ALJ hearing at OMHA, 60 days from receipt of the QIC's decision (405.1002, 405.1014), only when the
/// amount in controversy meets the threshold of the calendar year the request is filed in (405.1006). The thresholds are
/// data (<c>Research/Data/medicare-aic-thresholds.csv</c>, one row per year from CMS's yearly Federal Register notice).
/// </summary>
public static class MedicareAppealLevels
{
    private sealed record Threshold(int Year, decimal AljHearing, decimal JudicialReview, string Source);

    private static readonly IReadOnlyDictionary<int, Threshold> Thresholds = Load();

    /// <summary>The ALJ-hearing threshold for a calendar year, with its source; null when that year's figure is not on file.</summary>
    public static (decimal Amount, string Source)? AljThreshold(int year) =>
        Thresholds.TryGetValue(year, out var t) ? (t.AljHearing, t.Source) : null;

    /// <summary>
    /// The result for a Medicare appeal at levels 2-5: that level's clock (from the previous level's decision, the
    /// remittance that denied again) and the evidence of where it is filed; at level 3 the amount-in-controversy check —
    /// below the threshold (or with no threshold on file for the year) the case goes to ManualReview, since an ALJ would
    /// dismiss the request (claims may be aggregated to meet it, 405.1006(e): a coder's call); at level 5, a civil action,
    /// ManualReview for counsel. Other levels: unchanged.
    /// </summary>
    public static ResearchResult Apply(ResearchResult result, int level, DateOnly decisionDate, DateOnly today, DenialResearcher researcher)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(researcher);
        if (result.Action != ResolutionAction.Appeal || Deadlines.MedicareLevel(level, decisionDate, today) is not { } deadline) return result;
        var clocked = researcher.WithDeadline(result, deadline);
        return level switch
        {
            2 => clocked with { Evidence = [.. clocked.Evidence, QicEvidence] },
            3 => AljHearing(clocked, today),
            4 => clocked with { Evidence = [.. clocked.Evidence, CouncilEvidence] },
            5 => clocked with
            {
                Action = ResolutionAction.ManualReview,
                Summary = "Refer the case to counsel: Medicare's fifth level is a civil action in federal district court (42 CFR 405.1130-405.1136), not a letter.",
                Evidence = [.. clocked.Evidence, CourtEvidence],
            },
            _ => clocked,
        };
    }

    private static readonly Evidence CouncilEvidence = new("Appeal level", true,
        "Level 4: a request for Medicare Appeals Council review of the ALJ's decision, filed where the decision's notice directs " +
        "(42 CFR 405.1102, 405.1106). It must say which parts of the decision are disputed and why: the Council limits its review " +
        "to the issues the request raises (405.1112). Enter the filing office and the ALJ appeal number on the letter.");

    private static readonly Evidence CourtEvidence = new("Appeal level", true,
        "Level 5: judicial review of the Council's decision is a civil action in federal district court, filed within 60 days of " +
        "its receipt when the amount in controversy meets the year's court threshold (42 CFR 405.1130, 405.1136, 405.1006): a " +
        "matter for counsel, so no letter is drafted.");

    private static readonly Evidence QicEvidence = new("Appeal level", true,
        "Level 2: a reconsideration, filed with the Qualified Independent Contractor (QIC) named on the redetermination notice " +
        "(42 CFR 405.962, 405.964), not with the MAC; a request filed at the wrong office is filed late. Enter that QIC's name and address on the letter.");

    private static ResearchResult AljHearing(ResearchResult result, DateOnly today)
    {
        var amount = result.DeniedAmount;
        var threshold = AljThreshold(today.Year);
        var aic = new AmountInControversy(amount, today.Year, threshold?.Amount, threshold?.Source);
        var where = "Level 3: an ALJ hearing, filed with the Office of Medicare Hearings and Appeals (OMHA) office the QIC's reconsideration notice names (42 CFR 405.1002, 405.1014).";
        Evidence check;
        var action = result.Action;
        var summary = result.Summary;
        if (threshold is not { } t)
        {
            check = new("Amount in controversy", false, $"{where} No amount-in-controversy threshold for {today.Year} is on file (Research/Data/medicare-aic-thresholds.csv): add CMS's figure for the year, then check the {Money(amount)} in controversy against it.");
            (action, summary) = (ResolutionAction.ManualReview, $"Check the amount in controversy ({Money(amount)}) against the {today.Year} ALJ threshold before requesting a hearing: the threshold is not on file.");
        }
        else if (amount < t.Amount)
        {
            check = new("Amount in controversy", false, $"{where} The amount in controversy, {Money(amount)}, is below the {today.Year} ALJ threshold of {Money(t.Amount)} ({t.Source}): an ALJ would dismiss the request unless claims are aggregated to meet it (42 CFR 405.1006(e)).");
            (action, summary) = (ResolutionAction.ManualReview, $"Do not request an ALJ hearing as is: {Money(amount)} in controversy is below the {today.Year} threshold of {Money(t.Amount)}; aggregate claims or accept the decision.");
        }
        else
            check = new("Amount in controversy", true, $"{where} The amount in controversy, {Money(amount)}, meets the {today.Year} ALJ threshold of {Money(t.Amount)} ({t.Source}).");
        return result with { Action = action, Summary = summary, AmountInControversy = aic, Evidence = [.. result.Evidence, check] };
    }

    private static string Money(decimal amount) => Cases.Money.Format(amount);

    private static Dictionary<int, Threshold> Load()
    {
        var assembly = typeof(MedicareAppealLevels).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".Research.Data.medicare-aic-thresholds.csv", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var map = new Dictionary<int, Threshold>();
        var row = 0;
        while (reader.ReadLine() is { } text)
        {
            if (row++ == 0 || text.Length == 0) continue;
            var f = text.Split(',', 4);
            if (f.Length < 4 || !int.TryParse(f[0], NumberStyles.None, CultureInfo.InvariantCulture, out var year)
                || !decimal.TryParse(f[1], NumberStyles.Number, CultureInfo.InvariantCulture, out var alj)
                || !decimal.TryParse(f[2], NumberStyles.Number, CultureInfo.InvariantCulture, out var court))
                throw new InvalidDataException($"Research/Data/medicare-aic-thresholds.csv row {row}: expected year,alj_hearing,judicial_review,source");
            map[year] = new Threshold(year, alj, court, f[3].Trim('"'));
        }
        return map;
    }
}
