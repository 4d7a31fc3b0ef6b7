namespace DenialPipeline.X12;

// The typed model of an X12 835 (Health Care Claim Payment/Advice), 005010X221A1 and 004010X091A1.
// Amounts are decimal, dates DateOnly. Every element keeps its segment position so that warnings
// and errors can name where they come from.

/// <summary>Where a segment sits in the file: 1-based segment number and byte offset of its first byte.</summary>
public readonly record struct X12Position(long SegmentIndex, long ByteOffset);

public enum X12IssueSeverity { Warning, Error }

/// <summary>A warning (the file is still read) or an error (a structural problem) with its position.</summary>
public sealed record X12Issue(
    X12IssueSeverity Severity,
    string Code,
    string Message,
    X12Position Position,
    string? TransactionControlNumber = null,
    string? PatientControlNumber = null)
{
    // Messages carry no amounts or other values from the file (they may end up in logs); balancing warnings put
    // their figures here instead, for a UI that is allowed to show them.

    /// <summary>For balancing warnings: the amount the file states (CLP03 − CLP04, BPR02, CLM02).</summary>
    public decimal? Expected { get; init; }

    /// <summary>For balancing warnings: the amount computed from the parts (Σ CAS, Σ CLP04 − Σ PLB, Σ line charges).</summary>
    public decimal? Actual { get; init; }

    /// <summary>
    /// For an issue in a CSV denial report (<c>CsvDenialReportReader</c>): the 1-based row as a spreadsheet shows it
    /// (header = 1); <see cref="Position"/> is then (0, 0), since a CSV report has no segments. Null for X12.
    /// </summary>
    public long? Row { get; init; }

    /// <summary>For an issue in a CSV denial report: the header column it is about, when it is about one.</summary>
    public string? Column { get; init; }
}

public sealed record Address(string? Line1, string? Line2, string? City, string? State, string? PostalCode);

public sealed record Contact(string Function, string? Name, IReadOnlyList<(string Qualifier, string Number)> Numbers);

public sealed record PayerInfo(
    string? Name,
    string? Id,
    Address? Address,
    IReadOnlyList<Contact> Contacts);

public sealed record PayeeInfo(
    string? Name,
    string? IdQualifier,
    string? Id,
    string? TaxId,
    Address? Address);

/// <summary>Loop header: ISA/GS/ST control numbers plus BPR, TRN, DTM*405, N1*PR and N1*PE.</summary>
public sealed record RemittanceTransaction(
    string? InterchangeControlNumber,
    string? GroupControlNumber,
    string ControlNumber,
    string? Version,
    string? TransactionHandlingCode,
    decimal PaymentAmount,
    string? CreditDebitFlag,
    string? PaymentMethod,
    DateOnly? PaymentDate,
    string? TraceNumber,
    string? OriginatingCompanyId,
    DateOnly? ProductionDate,
    PayerInfo Payer,
    PayeeInfo Payee,
    X12Position Position)
{
    /// <summary>N1*PR04 as written (<see cref="PayerInfo.Id"/> prefers REF*2U): a file naming two payer ids names both.</summary>
    public string? PayerN1Id { get; init; }

    /// <summary>ISA06, the interchange sender id (trimmed of its padding).</summary>
    public string? InterchangeSender { get; init; }

    /// <summary>GS02, the application sender's code.</summary>
    public string? GroupSender { get; init; }
}

public enum AdjustmentLevel { Claim, Line }

/// <summary>One CAS triplet: group code (CO, PR, OA, PI, CR), reason (CARC), amount, quantity.</summary>
public sealed record Adjustment(AdjustmentLevel Level, string Group, string Reason, decimal Amount, decimal? Quantity, X12Position Position);

public sealed record PersonName(string? EntityQualifier, string? Last, string? First, string? Middle, string? Suffix, string? IdQualifier, string? Id);

public sealed record ServiceLine(
    string? ProcedureQualifier,
    string Procedure,
    IReadOnlyList<string> Modifiers,
    decimal Charge,
    decimal Paid,
    string? RevenueCode,
    decimal? Units,
    string? OriginalProcedureQualifier,
    string? OriginalProcedure,
    IReadOnlyList<string> OriginalModifiers,
    DateOnly? ServiceDate,
    DateOnly? ServiceDateEnd,
    string? LineControlNumber,
    IReadOnlyDictionary<string, string> References,
    decimal? AllowedAmount,
    IReadOnlyDictionary<string, decimal> Amounts,
    IReadOnlyList<Adjustment> Adjustments,
    IReadOnlyList<string> Remarks,
    X12Position Position)
{
    /// <summary>SVC01-7 procedure description.</summary>
    public string? Description { get; init; }

    /// <summary>SVC07 original units of service (when the payer changed them).</summary>
    public decimal? OriginalUnits { get; init; }

    /// <summary>
    /// Paid zero, or reduced, by a CO/OA/PI adjustment that is not plain contractual — judged on the line alone. A line
    /// of a reversal (CLP02 = 22) is never a denial: use <see cref="ClaimPayment.IsLineDenied"/>, which knows the claim.
    /// </summary>
    public bool Denied => DenialRules.IsLineDenied(this);
}

/// <summary>Loop 2100: a CLP and everything under it.</summary>
public sealed record ClaimPayment(
    string PatientControlNumber,
    string Status,
    decimal Charge,
    decimal Paid,
    decimal? PatientResponsibility,
    string? FilingIndicator,
    string? PayerClaimControlNumber,
    string? FacilityType,
    string? FrequencyCode,
    string? DrgCode,
    PersonName? Patient,
    PersonName? Insured,
    PersonName? CorrectedInsured,
    PersonName? RenderingProvider,
    DateOnly? ServiceDateStart,
    DateOnly? ServiceDateEnd,
    DateOnly? ReceivedDate,
    IReadOnlyDictionary<string, string> References,
    IReadOnlyDictionary<string, decimal> Amounts,
    IReadOnlyList<Adjustment> Adjustments,
    IReadOnlyList<string> Remarks,
    IReadOnlyList<ServiceLine> Lines,
    X12Position Position)
{
    /// <summary>CLP10 patient status code.</summary>
    public string? PatientStatusCode { get; init; }

    /// <summary>CLP12 DRG weight.</summary>
    public decimal? DrgWeight { get; init; }

    /// <summary>CLP13 discharge fraction (percent).</summary>
    public decimal? DischargeFraction { get; init; }

    /// <summary>CLP14 yes/no condition (5010).</summary>
    public string? YesNoCondition { get; init; }

    /// <summary>CLP02 = 22: a reversal of an earlier payment, never a new denial.</summary>
    public bool Reversal => Status == "22";

    /// <summary>Needs a coder's work (DOMAIN.md): status 4, paid zero with non-PR adjustments, or a denied line.</summary>
    public bool Denied => DenialRules.IsClaimDenied(this);

    /// <summary>Whether one of this claim's lines needs work (never on a reversal).</summary>
    public bool IsLineDenied(ServiceLine line) => DenialRules.IsLineDenied(this, line);

    /// <summary>Claim-level and line-level adjustments together.</summary>
    public IEnumerable<Adjustment> AllAdjustments => Adjustments.Concat(Lines.SelectMany(l => l.Adjustments));
}

/// <summary>PLB: a provider-level adjustment (WO, FB, L6, …) that changes BPR02 but belongs to no claim.</summary>
public sealed record ProviderAdjustment(string? ProviderId, DateOnly? FiscalPeriodEnd, string ReasonCode, string? Reference, decimal Amount, X12Position Position);

/// <summary>What <c>Remittance835Reader.ReadAsync</c> yields, in file order, so a caller never holds the whole file.</summary>
public abstract record RemittanceEvent;

/// <summary>An ST*835 header (with BPR, TRN, N1 loops) has been read; claims follow.</summary>
public sealed record TransactionStarted(RemittanceTransaction Transaction) : RemittanceEvent;

/// <summary>One complete claim payment (loop 2100 with its service lines).</summary>
public sealed record ClaimRead(RemittanceTransaction Transaction, ClaimPayment Claim) : RemittanceEvent;

/// <summary>The SE of a transaction: its PLB adjustments and claim count; balancing warnings come before it as issues.</summary>
public sealed record TransactionEnded(RemittanceTransaction Transaction, IReadOnlyList<ProviderAdjustment> ProviderAdjustments, int ClaimCount) : RemittanceEvent;

/// <summary>A warning or error; reading continues after it.</summary>
public sealed record IssueFound(X12Issue Issue) : RemittanceEvent;
