namespace DenialPipeline.ClaimCheck.Rules;

/// <summary>
/// NCCI medically unlikely edits: units of a code above its MUE. MAI 1 per line; MAI 2 per day, absolute (policy: no
/// appeal pays it); MAI 3 per day, clinical (paid on appeal with records: a warning). (CMS MUE page; CARC 151/N362.)
/// </summary>
public sealed class NcciMueRule : IClaimRule
{
    public const string RuleId = "ncci-mue";

    public string Id => RuleId;

    public IEnumerable<Finding> Check(ClaimUnderCheck claim, ClaimCheckContext context)
    {
        if (!context.Rules.ApplyNcci) yield break;
        foreach (var group in claim.Claim.Lines.GroupBy(l => (Code: l.Procedure.ToUpperInvariant(), l.ServiceDate)))
        {
            if (context.Ncci.MueFor(group.Key.Code) is not { } mue) continue;
            var source = $"MUE {mue.Units} for {mue.Code}, adjudication indicator {mue.AdjudicationIndicator}" + (mue.Rationale.Length > 0 ? $" ({mue.Rationale})" : "");
            if (mue.AdjudicationIndicator == 1)
            {
                foreach (var l in group.Where(l => l.Units > mue.Units))
                    yield return new Finding(RuleId, FindingSeverity.FixFirst, $"Line {l.Number} bills {l.Units} units of {mue.Code}: above the {source}, a per-line edit.",
                        "Bill the units the documentation supports; units on separate lines need the anatomic or 76/77/59-family modifier that makes them distinct.") { Probability = 0.9, Line = l.Number };
                continue;
            }
            var units = group.Sum(l => l.Units);
            if (units <= mue.Units) continue;
            var policy = mue.AdjudicationIndicator == 2;
            yield return new Finding(RuleId, policy ? FindingSeverity.FixFirst : FindingSeverity.Warn,
                $"{units} units of {mue.Code} on {RuleText.Date(group.Key.ServiceDate)}: above the {source}, a per-day edit{(policy ? " that no appeal overturns" : " (clinical: payable on appeal with records)")}.",
                policy ? $"Bill at most {mue.Units} units of {mue.Code} for the day." : $"Bill {mue.Units} units, or send the records that show the medical need for {units}.")
            { Probability = policy ? 0.9 : 0.5, Line = group.First().Number };
        }
    }
}
