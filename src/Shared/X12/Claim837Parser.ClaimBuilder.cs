namespace DenialPipeline.X12;

/// <summary>The 837 state machine's claim under construction (loop 2300 and its lines).</summary>
internal sealed partial class Claim837Parser
{
    private sealed class ClaimBuilder
    {
        public X12Position Position, LinePosition;
        public string Id = "";
        public string? Tx, Version, Facility, FacilityQualifier, Frequency, RenderingNpi, RenderingTaxonomy, PriorAuth, Referral, OriginalRef, ReferringNpi;
        public int OtherPayers;
        public bool OtherPaidGiven;
        public readonly List<int> Pointers = [];
        public decimal Charge;
        public ClaimKind837 Kind;
        public PersonName? Rendering;
        public DateOnly? StatementStart, StatementEnd, ClaimServiceDate, ClaimServiceDateEnd;
        public readonly List<HealthCareCode> Codes = [];
        public readonly List<SubmittedLine837> Lines = [];
        public readonly List<X12Issue> Issues = [];
        public bool InOtherSubscriber, InLine, HasLine;

        public int? LineNumber;
        public string? ProcQualifier, Proc, Revenue, UnitQualifier, Pos, LineControl, LineRenderingNpi;
        public readonly List<string> Modifiers = [];
        public decimal LineCharge;
        public decimal? Units;
        public DateOnly? LineDate, LineDateEnd;

        public void FinishLine()
        {
            if (!HasLine) return;
            HasLine = false;
            Lines.Add(new SubmittedLine837(LineNumber, ProcQualifier, Proc, Modifiers.ToArray(), Revenue, LineCharge, UnitQualifier, Units, Pos,
                LineDate ?? ClaimServiceDate, LineDate is null ? ClaimServiceDateEnd : LineDateEnd, LineControl, LineRenderingNpi, LinePosition)
            { DiagnosisPointers = Pointers.ToArray() });
            LineControl = LineRenderingNpi = null;
            LineDate = LineDateEnd = null;
        }
    }
}
