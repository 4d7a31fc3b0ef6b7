using DenialPipeline.ClaimCheck.Rules;
using DenialPipeline.Research.Records;

namespace DenialPipeline.ClaimCheck;

/// <summary>
/// Runs every rule over a claim with its context and sums up: status (any fix-first finding → fix-first, else any
/// warning → warn, else ready) and risk = 1 − Π(1 − p) over the parts: the payer's denial rate in our history (when
/// there is enough) and, per rule, its most probable finding. Pure and thread-safe; one instance per host.
/// </summary>
public sealed class ClaimChecker(IEnumerable<IClaimRule> rules, PayerRuleBook book)
{
    private readonly IClaimRule[] _rules = rules.ToArray();

    public PayerRuleBook Book => book;

    /// <summary>The rules in the order they run (ids for docs and metrics).</summary>
    public IReadOnlyList<string> RuleIds => _rules.Select(r => r.Id).ToList();

    /// <summary>Builds the context of one claim from the batch's records and what the batch billed before it.</summary>
    public ClaimCheckContext ContextFor(ClaimUnderCheck claim, CheckRecords records, DateOnly today, IReadOnlyList<BatchService> earlierInBatch)
    {
        var payer = claim.Claim.PayerId is { Length: > 0 } id && records.Payers.TryGetValue(id, out var p) ? p : null;
        var kind = payer?.PayerKind ?? PayerKind.Commercial;
        var member = claim.MemberId?.Trim() ?? "";
        return new ClaimCheckContext
        {
            Today = today,
            Payer = payer,
            PayerKind = kind,
            PayerProfiles = records.Payers,
            Rules = book.For(claim.Claim.PayerId, kind),
            NcciBypassModifiers = book.NcciBypassModifiers,
            Ncci = records.Ncci,
            Learned = records.Learned,
            Coverages = member.Length > 0 ? records.Coverages[member].ToList() : [],
            Authorizations = member.Length > 0 ? records.Authorizations[member].ToList() : [],
            OtherClaims = member.Length > 0 ? records.Claims[member].ToList() : [],
            PaidServices = member.Length > 0 ? records.Paid[member].ToList() : [],
            EarlierInBatch = earlierInBatch,
            AdvanceNotices = member.Length > 0 ? records.AdvanceNotices[member].ToList() : [],
            AdvanceNoticesKept = records.AdvanceNoticesKept,
        };
    }

    public ClaimCheckResult Check(ClaimUnderCheck claim, ClaimCheckContext context)
    {
        var findings = new List<Finding>();
        foreach (var rule in _rules)
        {
            try { findings.AddRange(rule.Check(claim, context)); }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // A rule bug must not lose the batch: the claim says which rule could not run.
                findings.Add(new Finding(rule.Id, FindingSeverity.Warn, $"The rule could not run on this claim ({ex.GetType().Name}).",
                    "Check this claim by hand; report the rule error.") { Probability = 0 });
            }
        }
        var parts = new List<RiskPart>();
        if (claim.Claim.PayerId is { Length: > 0 } pid && context.Learned.Baseline(pid) is { } b && b.Claims > 0)
            parts.Add(new RiskPart("payer history", (double)b.Denied / b.Claims,
                $"{context.PayerLabel(claim)} denied {b.Denied} of {b.Claims} of our claims in the last {context.Learned.Options.WindowMonths} months."));
        foreach (var g in findings.Where(f => f.Probability > 0).GroupBy(f => f.Rule))
        {
            var top = g.MaxBy(f => f.Probability)!;
            parts.Add(new RiskPart(g.Key, top.Probability, g.Count() == 1 ? top.Evidence : $"{top.Evidence} (and {g.Count() - 1} more)"));
        }
        var risk = 1 - parts.Aggregate(1.0, (acc, part) => acc * (1 - Math.Clamp(part.Probability, 0, 1)));
        var status = findings.Any(f => f.Severity == FindingSeverity.FixFirst) ? ClaimCheckStatus.FixFirst
            : findings.Count > 0 ? ClaimCheckStatus.Warn : ClaimCheckStatus.Ready;
        var c = claim.Claim;
        return new ClaimCheckResult(c.ClaimId, ClaimCheckStatusNames.Of(status), Math.Round(risk, 3),
            parts.Select(p => p with { Probability = Math.Round(p.Probability, 3) }).ToList(),
            findings.Select(FindingView.From).ToList(), c.PayerId, context.Payer?.Name ?? c.PayerName,
            c.RenderingNpi ?? c.BillingNpi, c.ServiceDateStart, c.TotalCharge, claim.Source);
    }

    /// <summary>Checks one claim of a batch against the records and the batch's earlier claims, then adds it to the batch.</summary>
    public ClaimCheckResult CheckInBatch(ClaimUnderCheck claim, CheckRecords records, DateOnly today, BatchIndex batch)
    {
        var result = Check(claim, ContextFor(claim, records, today, batch.For(claim.MemberId)));
        batch.Add(claim);
        return result;
    }

    /// <summary>The services this claim adds to the batch's in-batch duplicate index.</summary>
    public static IEnumerable<BatchService> ServicesOf(ClaimUnderCheck claim) =>
        claim.Claim.Lines.Select(l => new BatchService(claim.Claim.ClaimId, l.ServiceDate, l.Procedure, RuleText.Modifiers(l.Modifiers)));
}
