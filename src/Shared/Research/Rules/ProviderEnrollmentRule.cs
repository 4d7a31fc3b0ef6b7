using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>Provider enrollment: the claim's NPI and taxonomy are compared with the provider profile.</summary>
internal sealed class ProviderEnrollmentRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var provider = ctx.Records.Provider;
        var claim = ctx.Records.Claim;
        if (provider is null || claim is null)
            return new RuleOutcome(DenialCategory.ProviderEnrollment, ResolutionAction.ManualReview, Clock.Appeal,
                $"{item.Label}: check the provider's enrollment with the payer; the records lack the {(provider is null ? "provider profile" : "submitted claim")} to compare.",
                [new Evidence("Provider profile", provider is not null, provider is null ? "No provider profile is on file." : "No submitted claim is on file to compare the NPI and taxonomy with.")]);
        var corrections = new List<string>();
        var npiOnClaim = claim.RenderingNpi ?? claim.BillingNpi;
        if (npiOnClaim is not null && !RuleContext.Ids.Equals(npiOnClaim, provider.Npi)) corrections.Add($"Bill with NPI {provider.Npi} ({provider.Name}) instead of {npiOnClaim}");
        if (provider.Taxonomy is not null && !RuleContext.Ids.Equals(claim.Taxonomy, provider.Taxonomy)) corrections.Add($"Bill with taxonomy {provider.Taxonomy} instead of {claim.Taxonomy ?? "none"}");
        if (corrections.Count > 0)
            return new RuleOutcome(DenialCategory.ProviderEnrollment, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                $"Send a corrected claim with the provider's enrolled identifiers: {string.Join("; ", corrections)}.",
                [new Evidence("Provider identifiers", false, $"The claim's NPI/taxonomy differ from the provider profile of {provider.Name}: {string.Join("; ", corrections)}.")], corrections, Missing: ClaimElement.Taxonomy);
        return new RuleOutcome(DenialCategory.ProviderEnrollment, ResolutionAction.ManualReview, Clock.Appeal,
            $"{item.Label}: the claim's NPI and taxonomy match the provider profile; check the provider's enrollment with the payer.",
            [new Evidence("Provider identifiers", true, $"The claim's NPI {provider.Npi} and taxonomy {provider.Taxonomy ?? "(none)"} match the provider profile: the question is the payer's enrollment record.")]);
    }
}
