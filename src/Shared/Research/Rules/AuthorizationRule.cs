using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Authorization denials: an authorization on file that covers the service and date is appealed with when the claim
/// carried its number, else sent on a corrected claim carrying it; none is a retro-authorization request. CO-198 (exceeded) compares units authorized with units billed; CO-39 (request denied)
/// never appeals on the denied request itself.
/// </summary>
internal sealed class AuthorizationRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var dos = ctx.ServiceDate(item);
        var procedures = ctx.Procedures(item);
        var payerIds = ctx.PayerIds;
        var candidates = ctx.Records.Authorizations.Where(a => a.PayerId is null || payerIds.Count == 0 || payerIds.Contains(a.PayerId)).ToList();
        var match = dos is null ? null : candidates.FirstOrDefault(a => a.Covers(dos.Value) && procedures.All(a.CoversProcedure));
        var what = $"{string.Join(", ", procedures.DefaultIfEmpty("the service"))} on {Date(dos)}";
        if (item.Carc.Code.Code == "39") return DeniedRequest(item, ctx, match, what);
        if (match is not null && item.Carc.Code.Code == "198") return Exceeded(item, ctx, match, what, procedures);
        if (match is not null && CorrectedClaimFor(item, ctx, match, what) is { } corrected) return corrected;
        if (match is not null)
        {
            var carried = ctx.Records.Claim?.PriorAuthorizationNumber;
            var onClaim = carried is null ? " The claim as submitted did not carry the number (REF*G1): cite it in the appeal."
                : RuleContext.Ids.Equals(carried, match.Number) ? " The claim carried the same number." : $" The claim carried a different number ({carried}).";
            return new RuleOutcome(DenialCategory.Authorization, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {item.Label}: authorization {match.Number} covers {what}.",
                [new Evidence("Authorization on file", true, $"Authorization {match.Number} covers {what} (valid {Date(match.PeriodStart)} to {Date(match.PeriodEnd)}).{onClaim}")],
                Enclosures: [$"Copy of authorization {match.Number} ({Date(match.PeriodStart)} to {Date(match.PeriodEnd)})"], AuthorizationNumber: match.Number);
        }
        var near = candidates.FirstOrDefault(a => procedures.Any(a.CoversProcedure));
        var nearNote = near is null ? "" : $" Authorization {near.Number} is on file but covers {Date(near.PeriodStart)} to {Date(near.PeriodEnd)}" + (near.ProcedureCodes.Count > 0 ? $" for {string.Join(", ", near.ProcedureCodes)}." : ".");
        return new RuleOutcome(DenialCategory.Authorization, ResolutionAction.RequestRetroAuthorization, Clock.Appeal,
            $"Request a retro-authorization for {what}: no authorization on file covers it ({item.Label})." +
                (ctx.Records.Authorizations.Count == 0 ? " None was imported for the patient: check the payer portal and the authorization log first." : ""),
            [new Evidence("Authorization on file", false, $"No authorization on file covers {what}.{nearNote}{NoneOnFile(ctx)}")]);
    }

    /// <summary>
    /// The authorization on file covers the service but the claim as submitted carried no number, or another one: the payer
    /// never had the right number, so the fix is a corrected claim carrying it in REF*G1 (frequency 7), not an appeal of a
    /// decision made without it. Not for Original Medicare, which takes no replacement claims from Part B and whose few
    /// prior-authorization programs are appealed; and only when the submitted claim is on file to say what it carried.
    /// </summary>
    private static RuleOutcome? CorrectedClaimFor(DenialItem item, RuleContext ctx, Authorization match, string what)
    {
        if (ctx.PayerKind == PayerKind.Medicare || ctx.Records.Claim is not { } submitted || item.Carc.Code.Code is "198" or "39") return null;
        var carried = submitted.PriorAuthorizationNumber;
        if (carried is not null && RuleContext.Ids.Equals(carried, match.Number)) return null;
        var was = carried is null ? "carried no authorization number (REF*G1)" : $"carried another number ({carried})";
        return new RuleOutcome(DenialCategory.Authorization, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
            $"Send a corrected claim with authorization {match.Number} in REF*G1: it covers {what}, and the claim as submitted {was} ({item.Label}).",
            [new Evidence("Authorization on file", true, $"Authorization {match.Number} covers {what} (valid {Date(match.PeriodStart)} to {Date(match.PeriodEnd)}); the claim as submitted {was}, so the payer decided without it.")],
            [$"Enter authorization {match.Number} in REF*G1"], Missing: ClaimElement.PriorAuthorizationNumber, AuthorizationNumber: match.Number);
    }

    /// <summary>"None on file" is not "none obtained": say which one research knows (issue #17 §2).</summary>
    private static string NoneOnFile(RuleContext ctx) => ctx.Records.Authorizations.Count == 0
        ? " No authorization records were imported for this patient, so none on file does not mean none was obtained."
        : $" {ctx.Records.Authorizations.Count} authorization record(s) are on file for this patient; none covers this service and date.";

    /// <summary>
    /// CO-39, "services denied at the time authorization/pre-certification was requested": the payer refused the request,
    /// so the request itself is no ground for an appeal and a retro-authorization of it is not available. Only an approval
    /// on file that is not that request (another number than the claim carried) is cited; otherwise the utilization
    /// decision is reviewed by hand (a clinical appeal of it needs the records and the payer's criteria).
    /// </summary>
    private static RuleOutcome DeniedRequest(DenialItem item, RuleContext ctx, Authorization? match, string what)
    {
        var carried = ctx.Records.Claim?.PriorAuthorizationNumber;
        if (match is not null && !RuleContext.Ids.Equals(match.Number, carried))
            return new RuleOutcome(DenialCategory.Authorization, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {item.Label}: authorization {match.Number}, not the request the payer denied, covers {what}.",
                [new Evidence("Authorization on file", true, $"Authorization {match.Number} on file covers {what} (valid {Date(match.PeriodStart)} to {Date(match.PeriodEnd)}); the claim carried {(carried is null ? "no number" : $"number {carried}")}.")],
                Enclosures: [$"Copy of authorization {match.Number} ({Date(match.PeriodStart)} to {Date(match.PeriodEnd)})"], AuthorizationNumber: match.Number);
        var why = match is not null
            ? $"The authorization on file ({match.Number}) is the number the claim carried, which is the request the payer says it denied: confirm with the payer whether it was ever approved."
            : $"No approved authorization on file covers {what}.";
        return new RuleOutcome(DenialCategory.Authorization, ResolutionAction.ManualReview, Clock.Appeal,
            $"Review {item.Label} by hand: the payer denied the authorization request for {what}; appealing the denied request itself does not overturn it.",
            [new Evidence("Authorization request denied", false, $"{why} A retro-authorization of a denied request is not available; an appeal must contest the utilization decision with the clinical records and the payer's criteria.")]);
    }

    /// <summary>
    /// CO-198, "precertification/notification/authorization/pre-treatment exceeded": the units (or visits) billed under the
    /// authorization are compared with the units it allows. Units used by earlier claims are not on file, so the evidence
    /// says only what this claim bills.
    /// </summary>
    private static RuleOutcome Exceeded(DenialItem item, RuleContext ctx, Authorization match, string what, IReadOnlyList<string> procedures)
    {
        var billed = item.Line is { } l
            ? l.Units ?? item.Submitted?.Units ?? 1m
            : ctx.Claim.Lines.Where(x => procedures.Contains(x.Procedure, RuleContext.Ids)).Sum(x => x.Units ?? 1m);
        if (match.UnitsAuthorized is not { } allowed)
            return new RuleOutcome(DenialCategory.Authorization, ResolutionAction.ManualReview, Clock.Appeal,
                $"Review {item.Label} by hand: authorization {match.Number} covers {what} but records no number of units or visits to compare with the {billed:0.##} billed.",
                [new Evidence("Authorized units", false, $"Authorization {match.Number} is on file for {what}, but no authorized units or visits are recorded: the units billed ({billed:0.##}) could not be checked against it.")],
                AuthorizationNumber: match.Number);
        if (billed <= allowed)
            return new RuleOutcome(DenialCategory.Authorization, ResolutionAction.Appeal, Clock.Appeal,
                $"Appeal {item.Label}: authorization {match.Number} allows {allowed:0.##} units and this claim bills {billed:0.##}.",
                [new Evidence("Authorized units", true, $"Authorization {match.Number} allows {allowed:0.##} units or visits for {what}; this claim bills {billed:0.##}. Units used by earlier claims under it are not on file.")],
                Enclosures: [$"Copy of authorization {match.Number} ({Date(match.PeriodStart)} to {Date(match.PeriodEnd)}, {allowed:0.##} units)"], AuthorizationNumber: match.Number);
        return new RuleOutcome(DenialCategory.Authorization, ResolutionAction.RequestRetroAuthorization, Clock.Appeal,
            $"Request an extension of authorization {match.Number} for the {billed - allowed:0.##} units billed beyond the {allowed:0.##} it allows ({item.Label}).",
            [new Evidence("Authorized units", false, $"Authorization {match.Number} allows {allowed:0.##} units or visits for {what}; this claim bills {billed:0.##}, {billed - allowed:0.##} more than authorized.")],
            AuthorizationNumber: match.Number);
    }
}
