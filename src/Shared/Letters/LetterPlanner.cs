using System.Collections.Frozen;
using DenialPipeline.Research;

namespace DenialPipeline.Letters;

/// <summary>
/// Which letters a research action calls for. Action and category are strings for now (names as in
/// DenialPipeline.Research); they become the Research enums at integration.
/// </summary>
public static class LetterPlanner
{
    public static IReadOnlySet<string> Actions { get; } = new[]
    {
        "Appeal", "CorrectedClaim", "ProviderQuery", "BillOtherPayer", "BillPatient",
        "RequestRetroAuthorization", "WriteOff", "NoAction", "ManualReview", "RequestReopening",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public static IReadOnlySet<string> Categories { get; } = new[]
    {
        "Authorization", "Eligibility", "CoordinationOfBenefits", "Coding", "MedicalNecessity", "TimelyFiling",
        "Duplicate", "MissingInformation", "NonCovered", "Bundling", "ProviderEnrollment", "PatientResponsibility",
        "Contractual", "Other",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The letters a researched case needs: those of the claim's action, plus those of any service line whose own
    /// decision (the one that drives the line, <see cref="LineDecision.DrivesAction"/>) differs — e.g. an appeal to the
    /// payer for one line and a documentation query to the provider for another. At most one letter per recipient: the
    /// payer gets one request about the claim (the claim-level one, else the first line's), the provider at most one
    /// query, so the payer is never sent an appeal and a corrected claim for the same claim at once.
    /// </summary>
    public static IReadOnlyList<LetterType> LettersForCase(ResearchResult research, PayerKind? payerKind = null, int appealLevel = 1)
    {
        ArgumentNullException.ThrowIfNull(research);
        var types = LettersFor(research.Action.ToString(), research.Category.ToString(), payerKind, appealLevel).ToList();
        // Only the decision that drives each line: its other reasons' decisions serve the rebuttals, not the choice of letters.
        foreach (var line in research.Lines.Where(l => l.DrivesAction))
        {
            if (line.Action == research.Action) continue;
            foreach (var type in LettersFor(line.Action.ToString(), line.Category.ToString(), payerKind, appealLevel))
            {
                var toProvider = LetterModel.IsProviderLetter(type);
                if (types.Contains(type) || types.Any(t => LetterModel.IsProviderLetter(t) == toProvider)) continue;
                types.Add(type);
            }
        }
        return types;
    }

    /// <summary>
    /// The letters to draft for an action.
    /// </summary>
    /// <param name="action">Research action, e.g. "Appeal".</param>
    /// <param name="category">Denial category, e.g. "TimelyFiling"; null when unknown.</param>
    /// <param name="payerKind">Payer kind; only <see cref="PayerKind.Medicare"/> (Original Medicare) gets a 405.944 redetermination.</param>
    /// <param name="appealLevel">1 for a first appeal; 2 or more asks for a reconsideration (Original Medicare: 2 QIC, 3 ALJ, 4 Appeals Council, 5 court: no letter).</param>
    /// <exception cref="ArgumentOutOfRangeException">Unknown action or category name.</exception>
    public static IReadOnlyList<LetterType> LettersFor(string action, string? category = null, PayerKind? payerKind = null, int appealLevel = 1)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (!Actions.Contains(action))
        {
            throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown research action.");
        }

        if (category is not null && !Categories.Contains(category))
        {
            throw new ArgumentOutOfRangeException(nameof(category), category, "Unknown denial category.");
        }

        bool Is(string name, string value) => string.Equals(name, value, StringComparison.OrdinalIgnoreCase);

        if (Is(action, "Appeal"))
        {
            // Original Medicare's fifth level is a civil action in federal district court (42 CFR 405.1130): not a letter.
            return appealLevel >= 5 && payerKind == PayerKind.Medicare ? [] : [AppealLetter(category, payerKind, appealLevel)];
        }

        if (Is(action, "CorrectedClaim"))
        {
            return [LetterType.CorrectedClaimCover];
        }

        if (Is(action, "ProviderQuery"))
        {
            return [category is not null && Is(category, "Coding") ? LetterType.CodingClarificationQuery : LetterType.DocumentationQuery];
        }

        if (Is(action, "RequestRetroAuthorization"))
        {
            return [LetterType.RetroAuthorizationRequest];
        }

        if (Is(action, "RequestReopening"))
        {
            return [LetterType.MedicareReopeningRequest];
        }

        // BillOtherPayer, BillPatient, WriteOff, NoAction, ManualReview: no letter.
        return [];

        // Original Medicare's later levels each go to their own office: the QIC, OMHA, then the Medicare Appeals Council.
        static LetterType AppealLetter(string? category, PayerKind? payerKind, int appealLevel) =>
            appealLevel == 2 && payerKind == PayerKind.Medicare ? LetterType.MedicareReconsideration
            : appealLevel == 3 && payerKind == PayerKind.Medicare ? LetterType.AljHearingRequest
            : appealLevel == 4 && payerKind == PayerKind.Medicare ? LetterType.CouncilReviewRequest
            : appealLevel >= 2 ? LetterType.Reconsideration
            : payerKind == PayerKind.Medicare ? LetterType.MedicareRedetermination
            : category switch
            {
                _ when category is null => LetterType.Appeal,
                _ when string.Equals(category, "TimelyFiling", StringComparison.OrdinalIgnoreCase) => LetterType.TimelyFilingAppeal,
                _ when string.Equals(category, "Authorization", StringComparison.OrdinalIgnoreCase) => LetterType.AuthorizationAppeal,
                _ when string.Equals(category, "MedicalNecessity", StringComparison.OrdinalIgnoreCase) => LetterType.MedicalNecessityAppeal,
                _ => LetterType.Appeal,
            };
    }
}
