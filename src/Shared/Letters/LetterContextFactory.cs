using System.Text.RegularExpressions;
using DenialPipeline.Codes;
using DenialPipeline.Research;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;
using Microsoft.Extensions.Options;
using RecordsPayerKind = DenialPipeline.Research.Records.PayerKind;

namespace DenialPipeline.Letters;

/// <summary>Everything a letter may say, gathered from the remittance, the research result and the records.</summary>
public sealed partial class LetterContextFactory(CodeBook codes, IOptions<LetterOptions> options)
{
    public LetterContext Create(string caseId, RemittanceTransaction tx, ClaimPayment claim, ResearchResult research, RecordsSnapshot records, DateOnly today)
    {
        var remarks = claim.Remarks.Concat(claim.Lines.SelectMany(l => l.Remarks)).Distinct().ToList();
        return new LetterContext
        {
            CaseId = caseId,
            LetterDate = today,
            Payer = PayerOf(tx, claim, records.Payer),
            Provider = ProviderOf(tx, claim, records),
            Patient = new PatientInfo
            {
                Name = Name(claim.Patient) ?? Name(claim.Insured),
                MemberId = claim.Patient?.Id ?? claim.Insured?.Id ?? records.Claim?.Patient.MemberId,
                DateOfBirth = records.Claim?.Patient.BirthDate ?? records.Claim?.Subscriber?.BirthDate,
            },
            Claim = ClaimOf(tx, claim, research, records.Claim),
            ServiceLines = LinesOf(claim, records.Claim),
            DenialReasons = ReasonsOf(tx, claim, research, records),
            Remarks = remarks.Select(r => new RemarkInfo(r, codes.Rarc(r) is { Known: true } info ? info.Text : null)).ToList(),
            // How our records were tied to the patient is for the coder, not an argument to the payer.
            Evidence = research.Evidence.Where(e => e.Check != PatientLink.Check).Select(e => e.Conclusion).ToList(),
            AuthorizationNumber = AuthorizationOf(research, records),
            TimelyFilingProof = ProofOf(tx, claim, records),
            Enclosures = EnclosuresFor(research.Action, research.Enclosures),
            ActionRequested = ActionText(research.Action, research.ClaimFrequency, research.VoidsOriginal, AddsGa(research.Evidence)),
            AppealLevel = 1,
            // A query asks for its answer well before the step's own deadline (Deadlines.QueryAnswerBy).
            Deadline = research.Action == ResolutionAction.ProviderQuery ? research.QueryAnswerBy ?? research.Deadline?.Date : research.Deadline?.Date,
            Query = research.Action == ResolutionAction.ProviderQuery ? QueryFor(research.MissingElement, research.Category, research.Summary) : null,
            Reopening = ReopeningOf(research.ClericalError),
            AmountInControversy = research.AmountInControversy is { } aic
                ? new AmountInControversyInfo { Amount = aic.Amount, Year = aic.Year, Threshold = aic.Threshold, Source = aic.Source }
                : null,
        };
    }

    private static PayerInfo PayerOf(RemittanceTransaction tx, ClaimPayment claim, PayerProfile? payer) => new()
    {
        Name = payer?.Name ?? tx.Payer.Name,
        Id = payer?.PayerId ?? tx.Payer.Id,
        Kind = payer?.PayerKind switch
        {
            RecordsPayerKind.Medicare => PayerKind.Medicare,
            RecordsPayerKind.MedicareAdvantage => PayerKind.MedicareAdvantage,
            RecordsPayerKind.Medicaid => PayerKind.Medicaid,
            RecordsPayerKind.Commercial => PayerKind.Commercial,
            _ => claim.FilingIndicator is "MA" or "MB" ? PayerKind.Medicare : claim.FilingIndicator == "MC" ? PayerKind.Medicaid : PayerKind.Commercial,
        },
        AppealAddress = ParseAddress(payer?.AppealAddress) ?? ToPostal(tx.Payer.Address),
        AppealFax = payer?.AppealFax,
        AppealPortalUrl = payer?.AppealPortal,
    };

    private ProviderInfo ProviderOf(RemittanceTransaction tx, ClaimPayment claim, RecordsSnapshot records)
    {
        var o = options.Value;
        var npi = tx.Payee.IdQualifier == "XX" ? tx.Payee.Id : records.Claim?.BillingNpi;
        return new ProviderInfo
        {
            Name = o.OrganizationName ?? tx.Payee.Name,
            Npi = npi,
            Ptan = new[] { records.BillingProvider, records.Provider }.FirstOrDefault(p => p is not null && p.Npi == npi)?.Ptan,
            Address = o.AddressLine1 is { Length: > 0 } && o.City is { Length: > 0 } && o.State is { Length: > 0 } && o.PostalCode is { Length: > 0 }
                ? new PostalAddress(o.AddressLine1, o.AddressLine2, o.City, o.State, o.PostalCode)
                : ToPostal(tx.Payee.Address),
            Phone = o.Phone,
            Email = records.Provider?.QueryEmail,
            AttendingName = records.Provider?.Name ?? Name(claim.RenderingProvider),
            SignerName = o.SignerName,
            SignerTitle = o.SignerTitle,
        };
    }

    private static ClaimInfo ClaimOf(RemittanceTransaction tx, ClaimPayment claim, ResearchResult research, SubmittedClaim? submitted) => new()
    {
        PatientControlNumber = claim.PatientControlNumber,
        PayerClaimNumber = claim.PayerClaimControlNumber,
        ServiceFrom = claim.ServiceDateStart ?? submitted?.ServiceDateStart ?? claim.Lines.Select(l => l.ServiceDate).Min(),
        ServiceTo = claim.ServiceDateEnd ?? submitted?.ServiceDateEnd ?? claim.Lines.Select(l => l.ServiceDateEnd ?? l.ServiceDate).Max(),
        DeterminationDate = tx.PaymentDate ?? tx.ProductionDate,
        BilledAmount = claim.Charge,
        PaidAmount = claim.Paid,
        DeniedAmount = research.DeniedAmount,
        FrequencyCode = research.Action == ResolutionAction.CorrectedClaim ? research.ClaimFrequency ?? "7" : claim.FrequencyCode,
        VoidsOriginal = research.Action == ResolutionAction.CorrectedClaim && research.VoidsOriginal,
        CorrectionSummary = research.Corrections.Count > 0 ? string.Join(" ", research.Corrections) : null,
    };

    private static List<ServiceLineInfo> LinesOf(ClaimPayment claim, SubmittedClaim? submitted) =>
        claim.Lines.Select(l => new ServiceLineInfo
        {
            ServiceDate = l.ServiceDate,
            ProcedureCode = l.Procedure,
            Modifiers = l.Modifiers,
            DiagnosisCodes = submitted?.Lines.FirstOrDefault(s => s.LineControlNumber is not null && s.LineControlNumber == l.LineControlNumber)?.DiagnosisCodes is { Count: > 0 } dx
                ? dx : submitted?.DiagnosisCodes ?? [],
            Units = l.Units,
            ChargeAmount = l.Charge,
            PaidAmount = l.Paid,
        }).ToList();

    /// <summary>Every workable denial reason (group + CARC) with its amount and the rebuttal research's findings support.</summary>
    private List<DenialReasonInfo> ReasonsOf(RemittanceTransaction tx, ClaimPayment claim, ResearchResult research, RecordsSnapshot records)
    {
        var proof = ProofOf(tx, claim, records);
        var workable = claim.AllAdjustments.Where(a => DenialRules.IsWorkable(claim, a)).ToList();
        if (workable.Count == 0) workable = claim.AllAdjustments.Where(a => a.Group != "PR" && a.Amount != 0).ToList();
        return workable.GroupBy(a => (a.Group, a.Reason)).Select(g => new DenialReasonInfo
        {
            GroupCode = g.Key.Group,
            ReasonCode = g.Key.Reason,
            Description = codes.Carc(g.Key.Reason) is { Known: true } info ? info.Description : null,
            Amount = g.Sum(a => a.Amount),
            Rebuttal = RebuttalFor(g.Key.Group, g.Key.Reason, PlacesOf(claim, g.Key.Group, g.Key.Reason), claim, research, records, proof),
        }).ToList();
    }

    /// <summary>The same proof research judged (this payer's earliest acceptance that counts), never another payer's or a 999.</summary>
    private static TimelyFilingProof? ProofOf(RemittanceTransaction tx, ClaimPayment claim, RecordsSnapshot records) =>
        TimelyFilingProofs.Choose(records.SubmissionProofs, [claim.PatientControlNumber, records.Claim?.ClaimId],
                [tx.Payer.Id, records.Payer?.PayerId, records.Claim?.PayerId], records.Payer) is { Proof: { } proof, Kind: { } kind }
            ? new TimelyFilingProof { SubmittedOn = proof.AcceptedDate, Source = kind, Reference = proof.Reference }
            : null;

    private static ReopeningInfo? ReopeningOf(ClericalError? error) => error is null ? null : new ReopeningInfo
    {
        Field = error.Field,
        Where = error.Where,
        AsProcessed = error.AsProcessed,
        Corrected = error.Corrected,
        GoodCause = error.GoodCause,
    };

    /// <summary>
    /// The context for one of the case's letters. A letter planned from the claim's own action uses the context as built;
    /// one planned only because a service line's decision differs (<see cref="LetterPlanner.LettersForCase"/>) — e.g. an
    /// authorization appeal for line 1 while the claim's dominant reason asks the provider — takes its request, its
    /// enclosures, its authorization, its corrections and its query from the line decisions that called for it, not from
    /// the claim's dominant decision (which would ask the payer to "answer the question below").
    /// </summary>
    public static LetterContext ForLetter(LetterContext context, LetterType type, ResearchResult research)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(research);
        var level = Math.Max(1, context.AppealLevel ?? 1);
        bool Plans(ResolutionAction action, DenialCategory category) =>
            LetterPlanner.LettersFor(action.ToString(), category.ToString(), context.Payer?.Kind, level).Contains(type);
        if (Plans(research.Action, research.Category)) return context;
        var decisions = research.Lines.Where(l => l.DrivesAction && Plans(l.Action, l.Category)).ToList();
        if (decisions.Count == 0) return context;

        var first = decisions[0];
        var enclosures = decisions.SelectMany(d => d.Enclosures).Distinct(StringComparer.Ordinal).ToList();
        var corrections = decisions.SelectMany(d => d.Corrections).Distinct(StringComparer.Ordinal).ToList();
        return context with
        {
            ActionRequested = ActionText(first.Action, research.ClaimFrequency, research.VoidsOriginal, AddsGa(first.Evidence)),
            Reopening = first.Action == ResolutionAction.RequestReopening ? ReopeningOf(first.ClericalError) : context.Reopening,
            AuthorizationNumber = decisions.Select(d => d.AuthorizationNumber).FirstOrDefault(n => !string.IsNullOrWhiteSpace(n)) ?? context.AuthorizationNumber,
            Enclosures = EnclosuresFor(first.Action, enclosures),
            Claim = context.Claim is { } claim
                ? claim with
                {
                    CorrectionSummary = corrections.Count > 0 ? string.Join(" ", corrections) : null,
                    FrequencyCode = first.Action == ResolutionAction.CorrectedClaim ? research.ClaimFrequency ?? "7" : claim.FrequencyCode,
                    VoidsOriginal = first.Action == ResolutionAction.CorrectedClaim && research.VoidsOriginal,
                }
                : null,
            Query = first.Action == ResolutionAction.ProviderQuery ? QueryFor(null, first.Category, first.Conclusion) : null,
            Deadline = first.Action == ResolutionAction.ProviderQuery ? research.QueryAnswerBy ?? context.Deadline : context.Deadline,
        };
    }

    /// <summary>What research listed to enclose; a retro-authorization request with nothing listed encloses the usual documents.</summary>
    private static IReadOnlyList<string> EnclosuresFor(ResolutionAction action, IReadOnlyList<string> found) =>
        found.Count > 0 || action != ResolutionAction.RequestRetroAuthorization ? found : RetroAuthorizationEnclosures;

    private static readonly IReadOnlyList<string> RetroAuthorizationEnclosures =
        ["Clinical documentation for the date of service", "The order or referral for the service"];

    /// <summary>What the letter asks of its recipient. Templates say "We ask that you {{ request.action }}."</summary>
    private static string? ActionText(ResolutionAction action, string? claimFrequency, bool voidsOriginal, bool addsGa) => action switch
    {
        ResolutionAction.Appeal when addsGa =>
            "add modifier GA to the line(s) named above and reprocess the claim, assigning liability for the denied amount to the beneficiary",
        ResolutionAction.Appeal => "reprocess this claim and pay the denied amount",
        ResolutionAction.RequestReopening => "reopen the claim, correct the clerical error described above and reprocess it",
        ResolutionAction.CorrectedClaim when voidsOriginal =>
            "void the original claim (frequency code 8) and process the enclosed new claim (frequency code 1) under the correct billing provider",
        ResolutionAction.CorrectedClaim when claimFrequency == "1" => "process the enclosed new claim (frequency code 1): the original was returned as unprocessable",
        ResolutionAction.CorrectedClaim => "process the enclosed corrected claim (frequency code 7) in place of the original claim",
        ResolutionAction.RequestRetroAuthorization => "grant retroactive authorization for the services listed and reprocess the claim",
        ResolutionAction.ProviderQuery => "review the documentation for this encounter and answer the question below",
        _ => null,
    };

    /// <summary>Whether the appeal asks Medicare to add GA on a valid ABN (research found one: <c>LiabilityNotice</c>).</summary>
    private static bool AddsGa(IReadOnlyList<Evidence> evidence) =>
        evidence.Any(e => e.Found && e.Check == Research.Rules.LiabilityNotice.Check);

    private static ProviderQueryInfo QueryFor(ClaimElement? missingElement, DenialCategory category, string summary) => new()
    {
        Question = missingElement is { } element
            ? $"Please review the documentation for this encounter and state what it supports for: {Words(element.ToString())}."
            : $"Please review the documentation for this encounter and clarify what it supports regarding: {Words(category.ToString())}.",
        MissingInformation = missingElement is { } m ? Words(m.ToString()) : summary,
        // The query templates add "Other (please specify)" and "Unable to determine" to every list (the compliant-query
        // practice of AHIMA/ACDIS): listing them here too printed them twice.
        ResponseOptions =
        [
            "The documentation supports the service as billed.",
            "The documentation supports a different code or modifier (please specify).",
            "The documentation does not support the service.",
        ],
    };

    /// <summary>
    /// The authorization a letter cites: the one research matched to the service; without a match, only the number the claim
    /// itself carried (REF*G1) — never another authorization that happens to be on file for the patient.
    /// </summary>
    private static string? AuthorizationOf(ResearchResult research, RecordsSnapshot records) =>
        research.AuthorizationNumber ?? records.Claim?.PriorAuthorizationNumber;

    /// <summary>What a duplicate appeal may say: only what research checked.</summary>
    private static string DuplicateRebuttal(LineDecision d)
    {
        if (d.EarlierPayment is { } paid)
            return $"This service is not a duplicate of the one paid on claim {paid.ClaimId}{(paid.PayerClaimNumber is { } icn ? $" (your claim {icn})" : "")}: " +
                "it was a separate service, billed with a modifier that marks it as distinct or repeated, as the enclosed documentation shows.";
        if (d.EarlierPaymentsChecked)
            return "The remittances we have received from you for this patient show no earlier payment for these services on these dates.";
        return "Please identify the earlier claim you consider this claim to duplicate (its claim number and payment date), or reprocess this claim.";
    }

    /// <summary>Where a group + CARC sits on the claim: each line index, and null for the claim level.</summary>
    private static List<int?> PlacesOf(ClaimPayment claim, string group, string reason)
    {
        var places = new List<int?>();
        if (claim.Adjustments.Any(a => a.Group == group && a.Reason == reason && a.Amount != 0m)) places.Add(null);
        for (var i = 0; i < claim.Lines.Count; i++)
            if (claim.Lines[i].Adjustments.Any(a => a.Group == group && a.Reason == reason && a.Amount != 0m)) places.Add(i);
        return places;
    }

    private static string? Name(PersonName? n) =>
        n is null ? null : string.Join(' ', new[] { n.First, n.Middle, n.Last, n.Suffix }.Where(p => !string.IsNullOrWhiteSpace(p))) is { Length: > 0 } s ? s : null;

    private static PostalAddress? ToPostal(Address? a) =>
        a is { Line1.Length: > 0, City.Length: > 0, State.Length: > 0, PostalCode.Length: > 0 }
            ? new PostalAddress(a.Line1!, a.Line2, a.City!, a.State!, a.PostalCode!)
            : null;

    /// <summary>"Appeals Unit, PO Box 1000, Columbus OH 43215" → a postal address; null when it does not read as one.</summary>
    private static PostalAddress? ParseAddress(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        var parts = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 2) return null;
        var last = CityStateZip().Match(parts[^1]);
        if (!last.Success) return null;
        var street = parts[..^1];
        return new PostalAddress(street[0], street.Length > 1 ? string.Join(", ", street[1..]) : null,
            last.Groups["city"].Value, last.Groups["state"].Value, last.Groups["zip"].Value);
    }

    private static string Words(string pascal) => PascalWords().Replace(pascal, " $1").Trim().ToLowerInvariant();

    [GeneratedRegex(@"^(?<city>.+?)\s+(?<state>[A-Z]{2})\s+(?<zip>\d{5}(?:-\d{4})?)$")]
    private static partial Regex CityStateZip();

    [GeneratedRegex("([A-Z])")]
    private static partial Regex PascalWords();
}
