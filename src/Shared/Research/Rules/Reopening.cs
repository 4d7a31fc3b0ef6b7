using DenialPipeline.Codes;
using DenialPipeline.Research.Records;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// Original Medicare's route for a clerical error on a processed claim — a wrong diagnosis, modifier, place of service,
/// procedure, rendering NPI or units, or a denial as a duplicate: a reopening (42 CFR 405.980; Medicare Claims Processing
/// Manual ch. 34 § 10), requested within 1 year of the initial determination (405.980(c)(1)); not a replacement claim
/// (frequency 7) and not a redetermination. "Medicare" is the payer kind research decided (the payer profile's kind, else
/// CLP06 MA/MB), so Medicare Advantage plans keep their own corrected-claim routes.
/// </summary>
internal static class Reopening
{
    /// <summary>The claim fields a MAC's reopening corrects as clerical errors (contractors' Part B reopening pages).</summary>
    private static readonly HashSet<ClaimElement> ClericalFields =
    [
        ClaimElement.DiagnosisCode, ClaimElement.Modifier, ClaimElement.PlaceOfService, ClaimElement.ProcedureCode,
        ClaimElement.RenderingProviderNpi, ClaimElement.Units,
    ];

    /// <summary>
    /// Whether a correction of these elements on this payer's processed claim is a reopening. Not for an institutional
    /// (Part A) claim still within timely filing: the provider corrects it with an adjustment bill (type of bill xx7), and
    /// reopening is for claims past that period (Medicare Claims Processing Manual ch. 34 §10.4.1, "Providers Submitting
    /// Adjustments"; First Coast, "Claims adjusting, reopening, cancelling and resubmitting").
    /// </summary>
    public static bool Applies(RuleContext ctx, params ClaimElement[] elements) =>
        ctx.PayerKind == PayerKind.Medicare && elements.Length > 0 && elements.All(ClericalFields.Contains) && !AdjustmentBill(ctx);

    /// <summary>Modifiers Medicare contractors do not add or change by a clerical-error reopening (Noridian JF B, CGS DME): redetermination.</summary>
    private static readonly HashSet<string> NotReopenableModifiers = new(StringComparer.OrdinalIgnoreCase) { "GA", "GX", "GY", "GZ", "KX", "22", "23", "66", "74" };

    /// <summary>The first of <paramref name="modifiers"/> a reopening cannot restore (liability GA/GX/GY/GZ, KX, surgical 22/23/66, 74); null when none.</summary>
    public static string? NotReopenableModifier(IEnumerable<string> modifiers) => modifiers.FirstOrDefault(NotReopenableModifiers.Contains);

    /// <summary>An Original Medicare institutional claim still within timely filing (a year from its through date, 42 CFR 424.44).</summary>
    public static bool AdjustmentBill(RuleContext ctx) =>
        ctx.PayerKind == PayerKind.Medicare && ctx.Records.Claim is { Institutional: true } claim
        && (claim.ServiceDateEnd ?? ctx.Claim.ServiceDateEnd ?? claim.ServiceDateStart) is { } through
        && ctx.Today <= through.AddYears(1);

    /// <summary>The check name of the reopening evidence (dropped when a later step makes the reopening an appeal).</summary>
    public const string Check = "Reopening";

    /// <summary>What the evidence says when a Part A correction goes as an adjustment bill rather than a reopening.</summary>
    public static Evidence AdjustmentBillEvidence { get; } = new(Check, false,
        "An Original Medicare institutional (Part A) claim still within timely filing is corrected by an adjustment bill " +
        "(type of bill xx7) through the MAC's claim system, not by a reopening; a reopening is for claims past timely " +
        "filing (Medicare Claims Processing Manual ch. 34 §10.4.1).");

    /// <summary>A reopening request for the clerical error, on the reopening clock, with the evidence of how it was derived.</summary>
    public static RuleOutcome Request(DenialItem item, DenialCategory category, ClericalError error, IEnumerable<Evidence> evidence,
        IReadOnlyList<string>? enclosures = null, ClaimElement? element = null)
    {
        var to = error.Corrected is { } c ? $"to {c}" : "(the records do not say what it should be: enter the correct value on the request)";
        var derived = new Evidence(Check, error.Corrected is not null,
            $"Original Medicare corrects a clerical error on a processed claim by a reopening (42 CFR 405.980; Medicare Claims Processing Manual ch. 34), " +
            $"not by a replacement claim (frequency 7) and not by a redetermination. Field: the {error.Field} of {error.Where}, processed as {error.AsProcessed ?? "(not on the remittance)"}; " +
            (error.Corrected is { } v ? $"it should be {v}" : "the correct value is not in the records: the coder enters it") + $" (from {error.Source}).");
        return new RuleOutcome(category, ResolutionAction.RequestReopening, Clock.Reopening,
            $"Request a reopening of {item.Label} to correct the {error.Field} of {error.Where} {to} (clerical error, 42 CFR 405.980).",
            [.. evidence, derived], Enclosures: enclosures, Missing: element, ClericalError: error);
    }
}
