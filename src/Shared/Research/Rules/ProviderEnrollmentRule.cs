using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>Provider enrollment: the claim's NPI and taxonomy are compared with the provider profile.</summary>
internal sealed class ProviderEnrollmentRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var outcome = Decide(item, ctx);
        return ctx.PayerKind == PayerKind.Medicaid ? outcome with { Evidence = [.. outcome.Evidence, MedicaidEnrollment] } : outcome;
    }

    /// <summary>Medicaid pays only for what providers enrolled with the state order, refer and render.</summary>
    private static readonly Evidence MedicaidEnrollment = new("Medicaid enrollment", false,
        "Medicaid: every ordering, referring and rendering provider on the claim must be enrolled with the state Medicaid agency (42 CFR 455.410); " +
        "check the state's enrollment of each NPI the claim names — an unenrolled one is fixed by enrolling it (or naming an enrolled provider), " +
        "not by a corrected claim alone.");

    private static RuleOutcome Decide(DenialItem item, RuleContext ctx)
    {
        var provider = ctx.Records.Provider;
        var claim = ctx.Records.Claim;
        if (provider is null || claim is null)
            return new RuleOutcome(DenialCategory.ProviderEnrollment, ResolutionAction.ManualReview, Clock.Appeal,
                $"{item.Label}: check the provider's enrollment with the payer; the records lack the {(provider is null ? "provider profile" : "submitted claim")} to compare.",
                [new Evidence("Provider profile", provider is not null, provider is null ? "No provider profile is on file." : "No submitted claim is on file to compare the NPI and taxonomy with.")]);
        var corrections = new List<string>();
        var npiOnClaim = claim.RenderingNpi ?? claim.BillingNpi;
        var npiDiffers = npiOnClaim is not null && !RuleContext.Ids.Equals(npiOnClaim, provider.Npi);
        // Without a rendering NPI on the claim the NPI compared is the billing provider's: changing it is a change of billing provider.
        var billingNpiChanges = npiDiffers && claim.RenderingNpi is null;
        if (npiDiffers) corrections.Add($"Bill with NPI {provider.Npi} ({provider.Name}) instead of {npiOnClaim}");
        var taxonomyDiffers = provider.Taxonomy is not null && !RuleContext.Ids.Equals(claim.Taxonomy, provider.Taxonomy);
        if (taxonomyDiffers) corrections.Add($"Bill with taxonomy {provider.Taxonomy} instead of {claim.Taxonomy ?? "none"}");
        var differ = new Evidence("Provider identifiers", false, $"The claim's NPI/taxonomy differ from the provider profile of {provider.Name}: {string.Join("; ", corrections)}.");
        if (billingNpiChanges)
            return VoidAndRebill(ctx, corrections, differ);
        if (npiDiffers && !taxonomyDiffers && Reopening.Applies(ctx, ClaimElement.RenderingProviderNpi))
            return Reopening.Request(item, DenialCategory.ProviderEnrollment,
                new ClericalError("rendering provider NPI", "the claim", npiOnClaim, $"{provider.Npi} ({provider.Name})", "the claim as submitted (837 NM1*82) against the provider profile"),
                [differ], element: ClaimElement.RenderingProviderNpi);
        if (corrections.Count > 0)
            return new RuleOutcome(DenialCategory.ProviderEnrollment, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
                $"Send a corrected claim with the provider's enrolled identifiers: {string.Join("; ", corrections)}.",
                [differ], corrections, Missing: ClaimElement.Taxonomy);
        return new RuleOutcome(DenialCategory.ProviderEnrollment, ResolutionAction.ManualReview, Clock.Appeal,
            $"{item.Label}: the claim's NPI and taxonomy match the provider profile; check the provider's enrollment with the payer.",
            [new Evidence("Provider identifiers", true, $"The claim's NPI {provider.Npi} and taxonomy {provider.Taxonomy ?? "(none)"} match the provider profile: the question is the payer's enrollment record.")]);
    }

    /// <summary>
    /// A change of billing provider cannot be made by a replacement (frequency 7): the payer's claim stays under the first
    /// billing NPI. The original is voided (frequency 8, REF*F8 its payer claim number) and a new claim (1) sent under the
    /// enrolled NPI (../shared/DOMAIN.md "Corrected claims").
    /// </summary>
    internal static RuleOutcome VoidAndRebill(RuleContext ctx, List<string> corrections, Evidence evidence)
    {
        var original = ctx.Claim.PayerClaimControlNumber is { } icn ? " with original reference " + icn : "";
        corrections.Insert(0, $"Void the claim (frequency 8{original}) and submit a new claim (frequency 1) under the correct billing NPI");
        return new RuleOutcome(DenialCategory.ProviderEnrollment, ResolutionAction.CorrectedClaim, Clock.TimelyFiling,
            $"Void the claim (frequency 8{original}) and send a new claim (frequency 1): the billing provider changes, which a replacement claim cannot do; {string.Join("; ", corrections.Skip(1))}.",
            [evidence, VoidEvidence], corrections, Missing: ClaimElement.BillingProviderNpi, ClaimFrequency: "1", VoidsOriginal: true);
    }

    internal static readonly Evidence VoidEvidence = new("Void and new claim", true,
        "The billing provider NPI changes: a replacement claim (frequency 7) cannot change it, so the original is voided (frequency 8, with its payer claim number) and a new claim (frequency 1) is sent under the correct billing NPI.");
}
