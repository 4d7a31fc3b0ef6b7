using DenialPipeline.Research.Records;

namespace DenialPipeline.ClaimCheck.Rules;

/// <summary>
/// Procedures on the payer's prior-authorization list need an authorization on file that covers the date of service,
/// the procedure and the units billed (CARC 197/198 when not). An authorization number on the claim that is not on file
/// is a warning: the check cannot confirm it.
/// </summary>
public sealed class AuthorizationRule : IClaimRule
{
    public const string RuleId = "authorization";

    public string Id => RuleId;

    public IEnumerable<Finding> Check(ClaimUnderCheck claim, ClaimCheckContext context)
    {
        var c = claim.Claim;
        var payer = context.PayerLabel(claim);
        foreach (var group in c.Lines.GroupBy(l => l.Procedure, StringComparer.OrdinalIgnoreCase))
        {
            var list = context.Rules.PriorAuthorization.FirstOrDefault(p => p.Procedures.Contains(group.Key));
            if (list is null) continue;
            var first = group.First();
            var units = group.Sum(l => l.Units);
            var auths = context.Authorizations.Where(a => a.PayerId is null || c.PayerId is null || string.Equals(a.PayerId, c.PayerId, StringComparison.OrdinalIgnoreCase)).ToList();
            var covering = auths.Where(a => group.All(l => a.Covers(l.ServiceDate)) && a.CoversProcedure(group.Key)).ToList();
            var numbered = c.PriorAuthorizationNumber is { Length: > 0 } number ? auths.FirstOrDefault(a => string.Equals(a.Number, number, StringComparison.OrdinalIgnoreCase)) : null;
            var needs = $"{payer} requires prior authorization for {group.Key} ({list.Source})";
            if (covering.Count > 0)
            {
                var best = covering.FirstOrDefault(a => a.UnitsAuthorized is null || a.UnitsAuthorized >= units);
                if (best is null)
                    yield return Fix($"{needs}; authorization {covering[0].Number} allows {covering[0].UnitsAuthorized} units and the claim bills {units}.",
                        "Ask the payer to extend the authorization for the extra units, or bill the units authorized.", first.Number, 0.8);
                else if (c.PriorAuthorizationNumber is null)
                    yield return new Finding(RuleId, FindingSeverity.Warn, $"{needs}; authorization {best.Number} is on file but the claim carries no REF*G1.",
                        $"Enter authorization {best.Number} in REF*G1.") { Probability = 0.4, Line = first.Number };
                continue;
            }
            if (numbered is not null)
            {
                var why = !numbered.CoversProcedure(group.Key) ? $"it names {string.Join(", ", numbered.ProcedureCodes)}, not {group.Key}"
                    : $"it runs {Period(numbered)}, not {RuleText.Date(first.ServiceDate)}";
                yield return Fix($"{needs}; authorization {numbered.Number} on file does not cover this service: {why}.",
                    "Get an authorization that covers the date and procedure (or a retro-authorization) before sending.", first.Number, 0.85);
            }
            else if (c.PriorAuthorizationNumber is { Length: > 0 } onClaim)
                yield return new Finding(RuleId, FindingSeverity.Warn, $"{needs}; the claim names authorization {onClaim}, which is not on file.",
                    "Confirm the authorization with the payer (number, dates, procedure, units) and import it.") { Probability = 0.5, Line = first.Number };
            else
                yield return Fix($"{needs}; no authorization is on file for {RuleText.Date(first.ServiceDate)} and the claim carries none.",
                    "Obtain the authorization (or a retro-authorization) and enter it in REF*G1 before sending.", first.Number, 0.9);
        }
    }

    private static Finding Fix(string evidence, string fix, int line, double p) =>
        new(RuleId, FindingSeverity.FixFirst, evidence, fix) { Probability = p, Line = line };

    private static string Period(Authorization a) =>
        $"{(a.PeriodStart is { } s ? RuleText.Date(s) : "open")} to {(a.PeriodEnd is { } e ? RuleText.Date(e) : "open")}";
}
