namespace DenialPipeline.Denials;

/// <summary>
/// How one payer portal's CSV denial report maps onto <see cref="DenialPipeline.X12.ClaimPayment"/>.
/// Each property names a header column (matched case-insensitively, surrounding spaces ignored); null means the
/// report has no such column. Only <see cref="PatientControlNumber"/> is required. Rows that share a patient
/// control number are merged into one claim (portals often write one row per line or per adjustment).
/// <example>
/// <code>
/// new CsvDenialMapping
/// {
///     Payer = "ACME portal",
///     PatientControlNumber = "Patient Account #",
///     PayerClaimControlNumber = "Claim Number",
///     ClaimCharge = "Billed", ClaimPaid = "Paid",
///     ProcedureCode = "CPT", Modifiers = "Mods", LineCharge = "Line Billed", LinePaid = "Line Paid", ServiceDate = "DOS",
///     AdjustmentCode = "CARC",            // "CO-197", "CO197" or "197" with DefaultAdjustmentGroup
///     AdjustmentAmount = "Denied Amount",
///     RemarkCodes = "RARC",               // "N290; M51"
///     Status = "Status", StatusMap = new Dictionary&lt;string, string&gt; { ["DENIED"] = "4", ["PAID"] = "1" },
/// }
/// </code>
/// </example>
/// </summary>
public sealed record CsvDenialMapping
{
    /// <summary>A label for the payer/portal (used in no message that carries PHI).</summary>
    public string Payer { get; init; } = "";

    public char Delimiter { get; init; } = ',';

    /// <summary>Column with the provider's claim id (CLP01 / CLM01). Required.</summary>
    public required string PatientControlNumber { get; init; }

    public string? PayerClaimControlNumber { get; init; }

    /// <summary>Column with the claim status; its values go through <see cref="StatusMap"/> (CLP02 codes pass through).</summary>
    public string? Status { get; init; }

    /// <summary>Portal status text → CLP02 code (case-insensitive), e.g. "DENIED" → "4".</summary>
    public IReadOnlyDictionary<string, string> StatusMap { get; init; } = new Dictionary<string, string>();

    /// <summary>CLP02 used when there is no status column or the cell is empty: a denial report defaults to 4 (denied).</summary>
    public string DefaultStatus { get; init; } = "4";

    public string? ClaimCharge { get; init; }
    public string? ClaimPaid { get; init; }
    public string? PatientResponsibility { get; init; }
    public string? FilingIndicator { get; init; }
    public string? FrequencyCode { get; init; }
    public string? PatientLastName { get; init; }
    public string? PatientFirstName { get; init; }
    public string? MemberId { get; init; }
    public string? RenderingProviderNpi { get; init; }
    public string? ServiceDateStart { get; init; }
    public string? ServiceDateEnd { get; init; }
    public string? ReceivedDate { get; init; }

    /// <summary>Line columns: a row with a procedure code adds a service line to its claim.</summary>
    public string? ProcedureCode { get; init; }

    /// <summary>Modifiers in one cell, separated by space, comma, semicolon, colon or '|'.</summary>
    public string? Modifiers { get; init; }

    public string? LineCharge { get; init; }
    public string? LinePaid { get; init; }
    public string? Units { get; init; }
    public string? ServiceDate { get; init; }
    public string? LineControlNumber { get; init; }

    /// <summary>Adjustment columns: group (CO/PR/OA/PI) and reason separately, or one code cell ("CO-45", "CO45", "45").</summary>
    public string? AdjustmentGroup { get; init; }
    public string? AdjustmentReason { get; init; }
    public string? AdjustmentCode { get; init; }
    public string? AdjustmentAmount { get; init; }

    /// <summary>Group used when a reason comes without one (many portals print only the CARC).</summary>
    public string DefaultAdjustmentGroup { get; init; } = "CO";

    /// <summary>Remark codes (RARC) in one cell, separated by space, comma, semicolon or '|'.</summary>
    public string? RemarkCodes { get; init; }

    /// <summary>Date formats tried in order (invariant culture).</summary>
    public IReadOnlyList<string> DateFormats { get; init; } = ["yyyy-MM-dd", "MM/dd/yyyy", "M/d/yyyy", "yyyyMMdd", "MM-dd-yyyy"];
}
