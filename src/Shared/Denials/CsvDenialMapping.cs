namespace DenialPipeline.Denials;

/// <summary>
/// How one payer portal's CSV denial report maps onto <see cref="DenialPipeline.X12.ClaimPayment"/>.
/// Each column property names a header column (matched case-insensitively, surrounding spaces ignored); null means the
/// report has no such column. <see cref="PatientControlNumber"/> and the fields listed in <see cref="Required"/> must be
/// in the header. Rows that share a payer and a patient control number are merged into one claim (portals often write
/// one row per line or per adjustment). Operators write mappings as JSON (<see cref="CsvMappingJson"/>,
/// docs/csv-reports.md) and import them like other reference data; <see cref="CsvMappingJson.Defaults"/> ship inside
/// the assembly.
/// <example>
/// <code>
/// new CsvDenialMapping
/// {
///     Payer = "ACME portal", PayerId = "87726", PayerName = "ACME HEALTH PLAN",
///     PatientControlNumber = "Patient Account #",
///     PayerClaimControlNumber = "Claim Number",
///     ClaimCharge = "Billed", ClaimPaid = "Paid",
///     ProcedureCode = "CPT", Modifiers = "Mods", LineCharge = "Line Billed", LinePaid = "Line Paid", ServiceDate = "DOS",
///     AdjustmentCode = "CARC",            // "CO-197", "CO197" or "197" with DefaultAdjustmentGroup
///     AdjustmentAmount = "Denied Amount",
///     RemarkCodes = "RARC",               // "N290; M51"
///     Status = "Status", StatusMap = new Dictionary&lt;string, string&gt; { ["DENIED"] = "4", ["PAID"] = "1" },
///     Required = ["adjustmentCode", "adjustmentAmount"],
/// }
/// </code>
/// </example>
/// </summary>
public sealed record CsvDenialMapping
{
    /// <summary>A label for the payer/portal layout: the mapping's name and key (used in no message that carries PHI).</summary>
    public string Payer { get; init; } = "";

    /// <summary>Free text for operators (what the layout is, where it comes from).</summary>
    public string? Description { get; init; }

    /// <summary>The payer id the synthetic transaction carries (as N1*PR / REF*2U would): what cases, payer profiles and contract rates are keyed by.</summary>
    public string? PayerId { get; init; }

    /// <summary>The payer name the synthetic transaction carries.</summary>
    public string? PayerName { get; init; }

    public char Delimiter { get; init; } = ',';

    /// <summary>
    /// '.' (1,234.56) or ',' (1.234,56). The other of the two, and spaces, group thousands only where they stand every
    /// three digits; anywhere else the cell is an issue, never a guess (<see cref="CsvAmount"/>).
    /// </summary>
    public char DecimalSeparator { get; init; } = '.';

    /// <summary>
    /// Column fields (JSON names, e.g. <c>adjustmentAmount</c>) that must be in the header, besides
    /// <see cref="PatientControlNumber"/>, for this mapping to be chosen for a report.
    /// </summary>
    public IReadOnlyList<string> Required { get; init; } = [];

    /// <summary>Column with the provider's claim id (CLP01 / CLM01). Always required.</summary>
    public required string PatientControlNumber { get; init; }

    public string? PayerClaimControlNumber { get; init; }

    /// <summary>Column with the claim status; its values go through <see cref="StatusMap"/> (CLP02 codes pass through).</summary>
    public string? Status { get; init; }

    /// <summary>Portal status text → CLP02 code (case-insensitive), e.g. "DENIED" → "4".</summary>
    public IReadOnlyDictionary<string, string> StatusMap { get; init; } = new Dictionary<string, string>();

    /// <summary>CLP02 used when there is no status column or the cell is empty: a denial report defaults to 4 (denied).</summary>
    public string DefaultStatus { get; init; } = "4";

    /// <summary>Columns with the payer's id and name per row (reports that list several payers): they win over <see cref="PayerId"/>/<see cref="PayerName"/>.</summary>
    public string? PayerIdColumn { get; init; }
    public string? PayerNameColumn { get; init; }

    /// <summary>Column with the date the payer decided (denial / processed / remittance date): the notice date deadlines count from.</summary>
    public string? RemittanceDate { get; init; }

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

    /// <summary>Every column field by its JSON name (the <c>columns</c> object of docs/csv-reports.md), in documentation order.</summary>
    public static IReadOnlyList<ColumnField> ColumnFields { get; } =
    [
        new("patientControlNumber", m => m.PatientControlNumber, (m, v) => m with { PatientControlNumber = v ?? "" }),
        new("payerClaimControlNumber", m => m.PayerClaimControlNumber, (m, v) => m with { PayerClaimControlNumber = v }),
        new("status", m => m.Status, (m, v) => m with { Status = v }),
        new("payerId", m => m.PayerIdColumn, (m, v) => m with { PayerIdColumn = v }),
        new("payerName", m => m.PayerNameColumn, (m, v) => m with { PayerNameColumn = v }),
        new("remittanceDate", m => m.RemittanceDate, (m, v) => m with { RemittanceDate = v }),
        new("claimCharge", m => m.ClaimCharge, (m, v) => m with { ClaimCharge = v }),
        new("claimPaid", m => m.ClaimPaid, (m, v) => m with { ClaimPaid = v }),
        new("patientResponsibility", m => m.PatientResponsibility, (m, v) => m with { PatientResponsibility = v }),
        new("filingIndicator", m => m.FilingIndicator, (m, v) => m with { FilingIndicator = v }),
        new("frequencyCode", m => m.FrequencyCode, (m, v) => m with { FrequencyCode = v }),
        new("patientLastName", m => m.PatientLastName, (m, v) => m with { PatientLastName = v }),
        new("patientFirstName", m => m.PatientFirstName, (m, v) => m with { PatientFirstName = v }),
        new("memberId", m => m.MemberId, (m, v) => m with { MemberId = v }),
        new("renderingProviderNpi", m => m.RenderingProviderNpi, (m, v) => m with { RenderingProviderNpi = v }),
        new("serviceDateStart", m => m.ServiceDateStart, (m, v) => m with { ServiceDateStart = v }),
        new("serviceDateEnd", m => m.ServiceDateEnd, (m, v) => m with { ServiceDateEnd = v }),
        new("receivedDate", m => m.ReceivedDate, (m, v) => m with { ReceivedDate = v }),
        new("procedureCode", m => m.ProcedureCode, (m, v) => m with { ProcedureCode = v }),
        new("modifiers", m => m.Modifiers, (m, v) => m with { Modifiers = v }),
        new("lineCharge", m => m.LineCharge, (m, v) => m with { LineCharge = v }),
        new("linePaid", m => m.LinePaid, (m, v) => m with { LinePaid = v }),
        new("units", m => m.Units, (m, v) => m with { Units = v }),
        new("serviceDate", m => m.ServiceDate, (m, v) => m with { ServiceDate = v }),
        new("lineControlNumber", m => m.LineControlNumber, (m, v) => m with { LineControlNumber = v }),
        new("adjustmentGroup", m => m.AdjustmentGroup, (m, v) => m with { AdjustmentGroup = v }),
        new("adjustmentReason", m => m.AdjustmentReason, (m, v) => m with { AdjustmentReason = v }),
        new("adjustmentCode", m => m.AdjustmentCode, (m, v) => m with { AdjustmentCode = v }),
        new("adjustmentAmount", m => m.AdjustmentAmount, (m, v) => m with { AdjustmentAmount = v }),
        new("remarkCodes", m => m.RemarkCodes, (m, v) => m with { RemarkCodes = v }),
    ];

    /// <summary>The mapped columns: (field, header column name), in <see cref="ColumnFields"/> order.</summary>
    public IEnumerable<(string Field, string Column)> MappedColumns() =>
        ColumnFields.Select(f => (f.Name, Column: f.Get(this))).Where(x => !string.IsNullOrWhiteSpace(x.Column)).Select(x => (x.Name, x.Column!.Trim()));

    /// <summary>The columns the header must have for this mapping to be chosen: the patient control number and <see cref="Required"/>.</summary>
    public IReadOnlyList<(string Field, string Column)> RequiredColumns()
    {
        var mapped = MappedColumns().ToList();
        return mapped.Where(c => c.Field == "patientControlNumber" || Required.Contains(c.Field, StringComparer.OrdinalIgnoreCase)).ToList();
    }

    /// <summary>One column field of a mapping: its JSON name and how to read and set it.</summary>
    public sealed record ColumnField(string Name, Func<CsvDenialMapping, string?> Get, Func<CsvDenialMapping, string?, CsvDenialMapping> Set);
}
