namespace DenialPipeline.Research.Records;

/// <summary>
/// An Advance Beneficiary Notice of Noncoverage (ABN, form CMS-R-131) a Medicare beneficiary signed before a service
/// Medicare may find not reasonable and necessary: the items it lists, the date it was signed, the option the
/// beneficiary chose and, for an extended or repetitive course of treatment, the last date it covers.
/// Source: Medicare Claims Processing Manual (100-04) ch. 30 §50; CR 12242 (transmittal 10862, 2021): an ABN for an
/// extended course lists every item and states the period it covers.
/// </summary>
public sealed record AdvanceNotice
{
    public const string Kind = "AdvanceNotice";

    /// <summary>The provider's own id for the notice (the import derives one from member, date and items when absent).</summary>
    public required string Id { get; init; }
    public string? MemberId { get; init; }
    public string? PatientId { get; init; }
    public string? PayerId { get; init; }
    /// <summary>The items and services the notice lists (CPT/HCPCS): an ABN covers only what it names.</summary>
    public IReadOnlyList<string> ProcedureCodes { get; init; } = [];
    public required DateOnly SignedDate { get; init; }
    /// <summary>
    /// The option the beneficiary checked (section G): 1 — provide it and bill Medicare, I pay if Medicare does not;
    /// 2 — provide it, do not bill Medicare, I pay; 3 — I do not want it. 0 when the record does not say.
    /// </summary>
    public int Option { get; init; }
    /// <summary>The last date of service an ABN for an extended or repetitive course of treatment covers; null for one occasion.</summary>
    public DateOnly? CoversThrough { get; init; }

    public string Key => RecordKeys.Of(Id);

    public bool Lists(string procedure) => ProcedureCodes.Contains(procedure, StringComparer.OrdinalIgnoreCase);
}
