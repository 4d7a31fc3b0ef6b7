namespace DenialPipeline.Research.Records;

/// <summary>How to reach a payer and its windows, per contract.</summary>
public sealed record PayerProfile
{
    public const string Kind = "Payer";

    public required string PayerId { get; init; }
    public required string Name { get; init; }
    public PayerKind PayerKind { get; init; } = PayerKind.Commercial;
    /// <summary>Days to file the first-level appeal, from the remittance date; null: the documented default for the kind.</summary>
    public int? AppealWindowDays { get; init; }
    /// <summary>
    /// Days to file a second (or later) level appeal with this payer, from the decision that upheld the denial (the
    /// remittance that denied again); null: the first-level window counted from that decision. Original Medicare's later
    /// levels are regulated and do not read it (<see cref="Deadlines.MedicareLevel"/>).
    /// </summary>
    public int? LaterLevelAppealWindowDays { get; init; }
    /// <summary>Days to file a claim (or corrected claim) from the date of service; null: the default for the kind.</summary>
    public int? TimelyFilingDays { get; init; }
    /// <summary>
    /// Days this payer gives to file a claim with an earlier payer's remittance (as the secondary or a later payer),
    /// counted from that remittance's date, when that ends later than <see cref="TimelyFilingDays"/> from the date of
    /// service ("12 months from service or N days from the primary's remittance, whichever is later"); null: only the
    /// timely filing limit (a Medicaid payer after Medicare: 6 months from the Medicare remittance, 42 CFR 447.45(d)).
    /// </summary>
    public int? SecondaryFilingDays { get; init; }
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
    /// <summary>
    /// Whether the practice has a provider agreement with this payer (in network). It decides a Medicare Advantage plan's
    /// route: a contracted provider disputes under its agreement; a non-contracted one asks for a reconsideration with a
    /// signed Waiver of Liability, or disputes an amount through the plan and then CMS's payment dispute contractor.
    /// Null: not on file.
    /// </summary>
    public bool? Contracted { get; init; }
    public string Key => RecordKeys.Of(PayerId);
}
