using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>Authorization denials: an authorization on file that covers the service and date is appealed with; none is a retro-authorization request.</summary>
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
            $"Request a retro-authorization for {what}: no authorization on file covers it ({item.Label}).",
            [new Evidence("Authorization on file", false, $"No authorization on file covers {what}.{nearNote}")]);
    }
}
