using DenialPipeline.Codes;
using DenialPipeline.Research.Records;

namespace DenialPipeline.Research.Rules;

/// <summary>What a rule concluded for one item.</summary>
internal sealed record RuleOutcome(
    DenialCategory Category,
    ResolutionAction Action,
    Clock Clock,
    string Conclusion,
    IReadOnlyList<Evidence> Evidence,
    IReadOnlyList<string>? Corrections = null,
    IReadOnlyList<string>? Enclosures = null,
    ClaimElement? Missing = null,
    decimal? RecoverableAmount = null,
    string? AuthorizationNumber = null,
    PaidService? EarlierPayment = null,
    string? ClaimFrequency = null,
    ClericalError? ClericalError = null,
    bool VoidsOriginal = false,
    Coverage? OtherPayer = null);
