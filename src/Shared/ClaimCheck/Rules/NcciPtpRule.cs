using DenialPipeline.ClaimCheck.Ncci;

namespace DenialPipeline.ClaimCheck.Rules;

/// <summary>
/// NCCI procedure-to-procedure edits between two lines of the claim on the same date of service. Modifier indicator 0:
/// the column 2 code is not paid whatever the modifier. Indicator 1: paid only with an NCCI-associated modifier on either
/// line when the services were distinct (59/XE/XS/XP/XU, 25 on the E/M, anatomic). Indicator 9 and deleted edits: no edit.
/// (CMS NCCI Policy Manual ch. 1; CARC 97/236 when billed anyway.)
/// </summary>
public sealed class NcciPtpRule : IClaimRule
{
    public const string RuleId = "ncci-ptp";

    public string Id => RuleId;

    public IEnumerable<Finding> Check(ClaimUnderCheck claim, ClaimCheckContext context)
    {
        if (!context.Rules.ApplyNcci) yield break;
        var lines = claim.Claim.Lines;
        for (var i = 0; i < lines.Count; i++)
        {
            var edits = context.Ncci.PtpFor(lines[i].Procedure);
            if (edits.Count == 0) continue;
            for (var j = 0; j < lines.Count; j++)
            {
                if (i == j || lines[i].ServiceDate != lines[j].ServiceDate) continue;
                var (a, b) = (lines[i], lines[j]);
                var edit = edits.FirstOrDefault(e => string.Equals(e.Column1, a.Procedure, StringComparison.OrdinalIgnoreCase)
                    && string.Equals(e.Column2, b.Procedure, StringComparison.OrdinalIgnoreCase) && e.InEffectOn(a.ServiceDate));
                if (edit is null || edit.Modifier == PtpModifierIndicator.NotApplicable) continue;
                var pair = $"NCCI PTP edit {edit.Column1} (column 1, line {a.Number}) / {edit.Column2} (column 2, line {b.Number}) in effect since {RuleText.Date(edit.Effective)}" +
                    (string.IsNullOrEmpty(edit.Rationale) ? "" : $" ({edit.Rationale})");
                if (edit.Modifier == PtpModifierIndicator.NotAllowed)
                    yield return new Finding(RuleId, FindingSeverity.FixFirst, $"{pair}, modifier indicator 0: no modifier allows {edit.Column2} with {edit.Column1} on the same day.",
                        $"Do not bill {edit.Column2} with {edit.Column1} for this date: the column 2 code is included in the column 1 code.") { Probability = 0.95, Line = b.Number };
                else if (!a.Modifiers.Concat(b.Modifiers).Any(context.NcciBypassModifiers.Contains))
                    yield return new Finding(RuleId, FindingSeverity.FixFirst, $"{pair}, modifier indicator 1: neither line carries an NCCI-associated modifier.",
                        $"If the documentation shows {edit.Column2} distinct (separate encounter, site or practitioner; a significant, separately identifiable E/M), append the modifier it supports (59/XE/XS/XP/XU, or 25 on the E/M); otherwise do not bill {edit.Column2}.")
                    { Probability = 0.85, Line = b.Number };
            }
        }
    }
}
