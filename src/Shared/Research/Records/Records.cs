namespace DenialPipeline.Research.Records;

// The records the research stage checks a denial against. Each record has a deterministic Key (the
// Records table's RowKey; the partition is its Kind), so importing the same data twice upserts the
// same rows. Collections default to empty; dates are DateOnly; amounts decimal.

/// <summary>A person as the claim names them. Names and dates of birth are PHI: never log them.</summary>
public sealed record PersonIdentity
{
    public string? LastName { get; init; }
    public string? FirstName { get; init; }
    public string? MemberId { get; init; }
    public DateOnly? BirthDate { get; init; }
}

/// <summary>A service line of the claim as submitted (837 loop 2400).</summary>
public sealed record SubmittedLine
{
    /// <summary>LX01: the 1-based line number.</summary>
    public int Number { get; init; }
    public required string Procedure { get; init; }
    public IReadOnlyList<string> Modifiers { get; init; } = [];
    public decimal Units { get; init; } = 1m;
    public decimal Charge { get; init; }
    public required DateOnly ServiceDate { get; init; }
    public DateOnly? ServiceDateEnd { get; init; }
    /// <summary>REF*6R: the line item control number the payer echoes in the 835.</summary>
    public string? LineControlNumber { get; init; }
    public IReadOnlyList<string> DiagnosisCodes { get; init; } = [];
    public string? Ndc { get; init; }
    public string? PlaceOfService { get; init; }
}

/// <summary>The claim as we sent it (837P/837I): what the 835 is matched against.</summary>
public sealed record SubmittedClaim
{
    public const string Kind = "SubmittedClaim";

    /// <summary>CLM01, the patient control number the payer echoes in CLP01.</summary>
    public required string ClaimId { get; init; }
    public PersonIdentity Patient { get; init; } = new();
    /// <summary>The Patient record the claim names (FHIR Claim.patient); null for an 837, whose patient is found by member id.</summary>
    public string? PatientId { get; init; }
    public PersonIdentity? Subscriber { get; init; }
    public string? PayerId { get; init; }
    public string? PayerName { get; init; }
    public string? BillingNpi { get; init; }
    public string? RenderingNpi { get; init; }
    public string? ReferringNpi { get; init; }
    public string? Taxonomy { get; init; }
    public string? PlaceOfService { get; init; }
    public IReadOnlyList<string> DiagnosisCodes { get; init; } = [];
    public IReadOnlyList<SubmittedLine> Lines { get; init; } = [];
    /// <summary>REF*G1.</summary>
    public string? PriorAuthorizationNumber { get; init; }
    /// <summary>REF*9F.</summary>
    public string? ReferralNumber { get; init; }
    /// <summary>CLM05-3: 1 original, 7 replacement, 8 void.</summary>
    public string FrequencyCode { get; init; } = "1";
    /// <summary>REF*F8: the payer claim number of the claim this one replaces.</summary>
    public string? OriginalReference { get; init; }
    /// <summary>The payer's claim number (ICN) of this claim when known: from a 277CA acknowledgment (REF*1K), set on import.</summary>
    public string? PayerClaimNumber { get; init; }
    /// <summary>When the claim was sent: 837 BHT04 (else GS04), FHIR Claim.created.</summary>
    public DateOnly? SubmissionDate { get; init; }
    public required DateOnly ServiceDateStart { get; init; }
    public DateOnly? ServiceDateEnd { get; init; }
    /// <summary>
    /// An institutional claim (837I): its filing clocks count from the statement's through date (<see cref="ServiceDateEnd"/>,
    /// CR 7080), not from a line's date.
    /// </summary>
    public bool Institutional { get; init; }

    public decimal TotalCharge => Lines.Sum(l => l.Charge);
    public DateOnly LastServiceDate => ServiceDateEnd ?? (Lines.Count > 0 ? Lines.Max(l => l.ServiceDateEnd ?? l.ServiceDate) : ServiceDateStart);
    public string Key => RecordKeys.Of(ClaimId);
}

public enum CoverageOrder { Primary = 1, Secondary = 2, Tertiary = 3 }

/// <summary>A policy the patient holds with a payer for a period.</summary>
public sealed record Coverage
{
    public const string Kind = "Coverage";

    /// <summary>Our id for the patient (FHIR Patient id, MRN); optional when the member id is known.</summary>
    public string? PatientId { get; init; }
    public string? MemberId { get; init; }
    public required string PayerId { get; init; }
    public string? PayerName { get; init; }
    public DateOnly? PeriodStart { get; init; }
    public DateOnly? PeriodEnd { get; init; }
    public CoverageOrder Order { get; init; } = CoverageOrder.Primary;

    public bool ActiveOn(DateOnly date) => (PeriodStart is null || PeriodStart <= date) && (PeriodEnd is null || date <= PeriodEnd);
    public string Key => RecordKeys.Of(PatientId ?? MemberId, PayerId, MemberId, PeriodStart?.ToString("yyyy-MM-dd"));
}

/// <summary>A prior authorization or precertification the payer granted.</summary>
public sealed record Authorization
{
    public const string Kind = "Authorization";

    public required string Number { get; init; }
    public string? PatientId { get; init; }
    public string? MemberId { get; init; }
    public string? PayerId { get; init; }
    /// <summary>Empty means the authorization names no procedure (covers the episode).</summary>
    public IReadOnlyList<string> ProcedureCodes { get; init; } = [];
    public DateOnly? PeriodStart { get; init; }
    public DateOnly? PeriodEnd { get; init; }
    public decimal? UnitsAuthorized { get; init; }

    public bool Covers(DateOnly date) => (PeriodStart is null || PeriodStart <= date) && (PeriodEnd is null || date <= PeriodEnd);
    public bool CoversProcedure(string procedure) => ProcedureCodes.Count == 0 || ProcedureCodes.Contains(procedure, StringComparer.OrdinalIgnoreCase);
    public string Key => RecordKeys.Of(PayerId, Number);
}

/// <summary>Why a service that the payer bundled was distinct; decides the modifier (59 family).</summary>
public enum DistinctReason
{
    /// <summary>A separate encounter: XE.</summary>
    SeparateEncounter,
    /// <summary>A separate organ or structure: XS.</summary>
    SeparateStructure,
    /// <summary>A different practitioner: XP.</summary>
    SeparatePractitioner,
    /// <summary>An unusual, non-overlapping service: XU.</summary>
    UnusualNonOverlapping,
    /// <summary>Distinct for another documented reason: 59.</summary>
    Other,
}

/// <summary>A procedure the documentation shows as distinct from the others that day.</summary>
public sealed record DistinctService(string Procedure, DistinctReason Reason);

/// <summary>An encounter and what documentation the chart holds for it.</summary>
public sealed record EncounterRecord
{
    public const string Kind = "Encounter";

    public required string Id { get; init; }
    public string? PatientId { get; init; }
    public string? MemberId { get; init; }
    public required DateOnly Date { get; init; }
    public DateOnly? DateEnd { get; init; }
    public string? ProviderNpi { get; init; }
    public string? ProviderName { get; init; }
    /// <summary>True when the chart holds signed documentation for the encounter (notes, results, reports).</summary>
    public bool DocumentationPresent { get; init; }
    /// <summary>What the chart holds, one item per document, in words a coder lists as enclosures.</summary>
    public IReadOnlyList<string> Documents { get; init; } = [];
    public IReadOnlyList<string> DiagnosisCodes { get; init; } = [];
    public IReadOnlyList<string> ProcedureCodes { get; init; } = [];
    public IReadOnlyList<DistinctService> DistinctServices { get; init; } = [];

    public bool Covers(DateOnly date) => Date <= date && date <= (DateEnd ?? Date);
    public string Key => RecordKeys.Of(Id);
}

/// <summary>A patient from a FHIR bundle.</summary>
public sealed record PatientRecord
{
    public const string Kind = "Patient";

    public required string Id { get; init; }
    public PersonIdentity Identity { get; init; } = new();
    public string? MedicalRecordNumber { get; init; }
    /// <summary>Every identifier the Patient resource carries (MBI, member ids, MRN…): any of them ties a claim's member id to this patient.</summary>
    public IReadOnlyList<PatientIdentifier> Identifiers { get; init; } = [];
    public string Key => RecordKeys.Of(Id);
}

public enum PayerKind { Commercial, Medicare, MedicareAdvantage, Medicaid }

/// <summary>How to reach a payer and its windows, per contract.</summary>
public sealed record PayerProfile
{
    public const string Kind = "Payer";

    public required string PayerId { get; init; }
    public required string Name { get; init; }
    public PayerKind PayerKind { get; init; } = PayerKind.Commercial;
    /// <summary>Days to file the first-level appeal, from the remittance date; null: the documented default for the kind.</summary>
    public int? AppealWindowDays { get; init; }
    /// <summary>Days to file a claim (or corrected claim) from the date of service; null: the default for the kind.</summary>
    public int? TimelyFilingDays { get; init; }
    public string? AppealAddress { get; init; }
    public string? AppealFax { get; init; }
    public string? AppealPortal { get; init; }
    public string? AppealEmail { get; init; }
    /// <summary>Days a provider is given to answer a documentation or coding query; null: <see cref="Deadlines.DefaultQueryTurnaroundDays"/>.</summary>
    public int? QueryTurnaroundDays { get; init; }
    /// <summary>
    /// Whether this payer takes a clearinghouse's acceptance report (a 277CA from the clearinghouse, NM1*AY) as proof of
    /// timely filing. Default false: it proves acceptance by the clearinghouse for forwarding, not filing with the payer;
    /// Medicare and many payers do not take it, and an appeal citing the wrong proof is lost while its clock runs. Set it
    /// from the payer's manual ("EDI acceptance report").
    /// </summary>
    public bool AcceptsClearinghouseAcknowledgment { get; init; }
    /// <summary>
    /// What a corrected (frequency 7) or void/replacement claim's window counts from: the date of service (default), or
    /// the original claim's processing date (the remittance date) for payers whose manual says so.
    /// </summary>
    public CorrectedClaimClock CorrectedClaimClockFrom { get; init; } = CorrectedClaimClock.DateOfService;
    /// <summary>Days for a corrected claim when the payer gives a window of its own; null: the timely filing limit.</summary>
    public int? CorrectedClaimDays { get; init; }
    public string Key => RecordKeys.Of(PayerId);
}

/// <summary>A billing or rendering provider.</summary>
public sealed record ProviderProfile
{
    public const string Kind = "Provider";

    public required string Npi { get; init; }
    public required string Name { get; init; }
    public string? Taxonomy { get; init; }
    /// <summary>Where documentation queries go (an opaque link is mailed, never PHI).</summary>
    public string? QueryEmail { get; init; }
    public string Key => RecordKeys.Of(Npi);
}

public enum ProofSource { Ack999, Ack277CA, Csv }

/// <summary>Who issued an acknowledgment: the payer itself (277CA NM1*PR) or a clearinghouse (NM1*AY); unknown when not stated.</summary>
public enum ProofIssuer { Unknown, Payer, Clearinghouse }

/// <summary>Proof that a claim was submitted and accepted on a date (999 / 277CA acceptance or a clearinghouse report).</summary>
public sealed record SubmissionProof
{
    public const string Kind = "SubmissionProof";

    public required string ClaimId { get; init; }
    public required DateOnly AcceptedDate { get; init; }
    public ProofSource Source { get; init; } = ProofSource.Csv;
    /// <summary>The acknowledgement's control or trace number, to cite in an appeal.</summary>
    public string? Reference { get; init; }
    public string? PayerId { get; init; }
    /// <summary>The payer's claim control number when the acknowledgment gave one (277CA REF*1K).</summary>
    public string? PayerClaimNumber { get; init; }
    /// <summary>Who accepted the claim: the payer, or a clearinghouse for forwarding (see <see cref="TimelyFilingProofs"/>).</summary>
    public ProofIssuer Issuer { get; init; } = ProofIssuer.Unknown;
    public string Key => RecordKeys.Of(ClaimId, Source.ToString(), AcceptedDate.ToString("yyyy-MM-dd"));
}

/// <summary>
/// A service line an earlier remittance paid (recorded by ingest from every 835 line with a payment, and marked
/// <see cref="Reversed"/> when the payer reverses the claim): what a duplicate denial is checked against. Stored in the
/// Records table under a partition per payer (hashed), row keys starting with a hash of the member id: no member id or
/// claim number appears in a key.
/// </summary>
public sealed record PaidService
{
    public const string Kind = "PaidService";

    public required string ClaimId { get; init; }
    public string? PayerClaimNumber { get; init; }
    /// <summary>The payer as cases know it (835 payer id, else its name).</summary>
    public string? PayerId { get; init; }
    /// <summary>The member id the remittance named (NM1*IL, else NM1*QC). PHI: never log it.</summary>
    public string? MemberId { get; init; }
    /// <summary>Rendering provider NPI (NM1*82), else the payee's.</summary>
    public string? ProviderNpi { get; init; }
    public required string Procedure { get; init; }
    public IReadOnlyList<string> Modifiers { get; init; } = [];
    public required DateOnly ServiceDate { get; init; }
    public decimal Paid { get; init; }
    public DateOnly? PaidDate { get; init; }
    /// <summary>A later remittance reversed the payment (CLP02 = 22): it no longer counts as paid.</summary>
    public bool Reversed { get; init; }

    /// <summary>The partition of a payer's paid services in the Records table.</summary>
    public static string PartitionFor(string payer) => Kind + "-" + DenialPipeline.Storage.Keys.Hash("", payer.Trim());

    /// <summary>The row-key prefix of a member's paid services (a hash: member ids are PHI).</summary>
    public static string MemberPrefix(string memberId) => DenialPipeline.Storage.Keys.Hash("m", memberId.Trim().ToUpperInvariant()) + "|";

    /// <summary>The row holding a member's paid services of one month: member prefix (a hash) and yyyyMM.</summary>
    public static string MonthRowKey(string memberId, DateOnly serviceDate) =>
        MemberPrefix(memberId) + serviceDate.ToString("yyyyMM", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Properties of a month row that hold a service (JSON), named <see cref="PropertyName"/>.</summary>
    public const string PropertyPrefix = "s";

    /// <summary>This service's property in its month row: a hash of date, claim, procedure and modifiers, so a reversal or a re-drop overwrites it.</summary>
    public string PropertyName => PropertyPrefix + DenialPipeline.Storage.Keys.Hash("", RowKey);

    /// <summary>Member prefix, date of service, then a hash of claim, procedure and modifiers: a reversal or a re-drop writes the same entry.</summary>
    public string RowKey => MemberPrefix(MemberId ?? "") + ServiceDate.ToString("yyyyMMdd", System.Globalization.CultureInfo.InvariantCulture) + "|" +
        DenialPipeline.Storage.Keys.Hash("", ClaimId.Trim().ToUpperInvariant(), Procedure.Trim().ToUpperInvariant(), string.Join(":", Modifiers).ToUpperInvariant());
}

/// <summary>
/// A contracted (allowed) rate for a procedure with a payer, optionally for one modifier and a period: what an
/// underpayment is measured against. Imported as a records file (CSV or JSON: payer_id, procedure, modifier, rate,
/// effective_from, effective_to).
/// </summary>
public sealed record ContractRate(string PayerId, string Procedure, decimal Amount, string? Modifier = null)
{
    public const string Kind = "ContractRate";

    public DateOnly? EffectiveFrom { get; init; }
    public DateOnly? EffectiveTo { get; init; }

    public bool EffectiveOn(DateOnly? date) => date is not { } d || ((EffectiveFrom is null || EffectiveFrom <= d) && (EffectiveTo is null || d <= EffectiveTo));

    /// <summary>The row-key prefix of a payer's rates for a procedure (a RowKey range query reads them).</summary>
    public static string Prefix(string payerId, string procedure) => RecordKeys.Of(payerId, procedure.ToUpperInvariant()) + "|";

    public string Key => RecordKeys.Of(PayerId, Procedure.ToUpperInvariant(), Modifier?.ToUpperInvariant(), EffectiveFrom?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}

/// <summary>Deterministic keys: parts joined with '|', characters Table Storage forbids in keys replaced.</summary>
public static class RecordKeys
{
    public static string Of(params string?[] parts) =>
        string.Join("|", parts.Select(p => Clean(p ?? string.Empty)));

    /// <summary>
    /// Escapes what Table Storage forbids in a key (<c>/ \ # ?</c>, control characters), the part separator <c>|</c> and the
    /// escape character <c>%</c> itself as <c>%XX</c>: distinct ids keep distinct keys ("A/B" and "A#B" used to both
    /// become "A_B", and the second record overwrote the first).
    /// </summary>
    private static string Clean(string part)
    {
        part = part.Trim();
        var sb = new System.Text.StringBuilder(part.Length + 8);
        foreach (var c in part)
        {
            if (c is '/' or '\\' or '#' or '?' or '|' or '%' || char.IsControl(c))
                sb.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
