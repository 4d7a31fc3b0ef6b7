namespace DenialPipeline.X12;

/// <summary>
/// Every <see cref="X12Issue.Code"/> the X12 readers produce, with what it means. Callers (the drop page, the API, the
/// `parse` command) can rely on this list: the fuzz tests fail on any code outside it.
/// </summary>
public static class X12IssueCodes
{
    /// <summary>837: CLM02 differs from the sum of the service lines' charges (warning).</summary>
    public const string ChargeX837 = "X12-837-CHARGE";

    /// <summary>A CAS triplet has an amount but no reason code; the triplet is skipped.</summary>
    public const string Cas = "X12-CAS";

    /// <summary>CAS without a group code; the segment is skipped.</summary>
    public const string Cas01 = "X12-CAS01";

    /// <summary>CLP03 − CLP04 differs from the sum of the claim's and its lines' CAS amounts (warning).</summary>
    public const string ClaimBalance = "X12-CLAIM-BALANCE";

    /// <summary>837: CLM without a claim id.</summary>
    public const string Clm01 = "X12-CLM01";

    /// <summary>CLP without a patient control number; the claim is still read.</summary>
    public const string Clp01 = "X12-CLP01";

    /// <summary>CLP without a claim status.</summary>
    public const string Clp02 = "X12-CLP02";

    /// <summary>The data uses another component separator than ISA16 declares; the one in the data is adopted (warning).</summary>
    public const string Component = "X12-COMPONENT";

    /// <summary>An element that should be a CCYYMMDD date is not one; the date is left empty (warning).</summary>
    public const string Date = "X12-DATE";

    /// <summary>The file holds no segment.</summary>
    public const string Empty = "X12-EMPTY";

    /// <summary>A segment whose id is not 2-3 letters or digits; it is skipped.</summary>
    public const string Garbage = "X12-GARBAGE";

    /// <summary>837: an HI diagnosis element is not a qualifier:code composite (warning).</summary>
    public const string Hi = "X12-HI";

    /// <summary>IEA without an ISA (warning).</summary>
    public const string Iea = "X12-IEA";

    /// <summary>IEA02 differs from ISA13 (warning).</summary>
    public const string Iea02 = "X12-IEA02";

    /// <summary>A reader defect: the segment could not be read (tests assert this never happens).</summary>
    public const string Internal = "X12-INTERNAL";

    /// <summary>The ISA header could not be read; separators were guessed.</summary>
    public const string Isa = "X12-ISA";

    /// <summary>A required element is empty.</summary>
    public const string Missing = "X12-MISSING";

    /// <summary>A transaction without BPR (no payment amount).</summary>
    public const string NoBpr = "X12-NO-BPR";

    /// <summary>An ISA before the previous interchange's IEA (warning).</summary>
    public const string NoIea = "X12-NO-IEA";

    /// <summary>A transaction ended without SE (an ST, GS, GE, ISA or IEA came first); it is closed there.</summary>
    public const string NoSe = "X12-NO-SE";

    /// <summary>A transaction that is not an 835; skipped (warning).</summary>
    public const string Not835 = "X12-NOT-835";

    /// <summary>837 reader: a transaction that is not an 837; skipped (warning).</summary>
    public const string Not837 = "X12-NOT-837";

    /// <summary>An element that should be a number is not one; the value is not used.</summary>
    public const string Number = "X12-NUMBER";

    /// <summary>Segments outside any ST…SE transaction; skipped.</summary>
    public const string Outside = "X12-OUTSIDE";

    /// <summary>A PLB adjustment without a reason code.</summary>
    public const string Plb = "X12-PLB";

    /// <summary>SE01 is not a number (error) or differs from the transaction's segment count (warning).</summary>
    public const string Se01 = "X12-SE01";

    /// <summary>SE02 differs from ST02 (warning).</summary>
    public const string Se02 = "X12-SE02";

    /// <summary>No segment terminator within the maximum segment length; those bytes are skipped.</summary>
    public const string SegmentTooLong = "X12-SEGMENT-TOO-LONG";

    /// <summary>No ISA header and no recognisable first segment: separators assumed.</summary>
    public const string Separators = "X12-SEPARATORS";

    /// <summary>ST without a control number.</summary>
    public const string St02 = "X12-ST02";

    /// <summary>SVC without a procedure code.</summary>
    public const string Svc01 = "X12-SVC01";

    /// <summary>The file ends inside a transaction or interchange.</summary>
    public const string Truncated = "X12-TRUNCATED";

    /// <summary>BPR02 differs from Σ CLP04 − Σ PLB (warning).</summary>
    public const string TxBalance = "X12-TX-BALANCE";

    /// <summary>Code → what it means, for every code above.</summary>
    public static IReadOnlyDictionary<string, string> All { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [ChargeX837] = "837: CLM02 differs from the sum of the service lines' charges (warning)",
        [Cas] = "A CAS triplet has an amount but no reason code; the triplet is skipped",
        [Cas01] = "CAS without a group code; the segment is skipped",
        [ClaimBalance] = "CLP03 − CLP04 differs from the sum of the claim's and its lines' CAS amounts (warning)",
        [Clm01] = "837: CLM without a claim id",
        [Clp01] = "CLP without a patient control number; the claim is still read",
        [Clp02] = "CLP without a claim status",
        [Component] = "The data uses another component separator than ISA16 declares; the one in the data is adopted (warning)",
        [Date] = "An element that should be a CCYYMMDD date is not one; the date is left empty (warning)",
        [Empty] = "The file holds no segment",
        [Garbage] = "A segment whose id is not 2-3 letters or digits; it is skipped",
        [Hi] = "837: an HI diagnosis element is not a qualifier:code composite (warning)",
        [Iea] = "IEA without an ISA (warning)",
        [Iea02] = "IEA02 differs from ISA13 (warning)",
        [Internal] = "A reader defect: the segment could not be read (tests assert this never happens)",
        [Isa] = "The ISA header could not be read; separators were guessed",
        [Missing] = "A required element is empty",
        [NoBpr] = "A transaction without BPR (no payment amount)",
        [NoIea] = "An ISA before the previous interchange's IEA (warning)",
        [NoSe] = "A transaction ended without SE (an ST, GS, GE, ISA or IEA came first); it is closed there",
        [Not835] = "A transaction that is not an 835; skipped (warning)",
        [Not837] = "837 reader: a transaction that is not an 837; skipped (warning)",
        [Number] = "An element that should be a number is not one; the value is not used",
        [Outside] = "Segments outside any ST…SE transaction; skipped",
        [Plb] = "A PLB adjustment without a reason code",
        [Se01] = "SE01 is not a number (error) or differs from the transaction's segment count (warning)",
        [Se02] = "SE02 differs from ST02 (warning)",
        [SegmentTooLong] = "No segment terminator within the maximum segment length; those bytes are skipped",
        [Separators] = "No ISA header and no recognisable first segment: separators assumed",
        [St02] = "ST without a control number",
        [Svc01] = "SVC without a procedure code",
        [Truncated] = "The file ends inside a transaction or interchange",
        [TxBalance] = "BPR02 differs from Σ CLP04 − Σ PLB (warning)",
    };
}
