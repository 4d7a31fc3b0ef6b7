namespace DenialPipeline.X12;

/// <summary>The 835 state machine's claim under construction (loop 2100 and its lines), reused from claim to claim.</summary>
internal sealed partial class Remittance835Parser
{
    private sealed class ClaimBuilder
    {
        public X12Position Position;
        public string Pcn = "", Status = "";
        public decimal Charge, Paid;
        public decimal? PatientResp, DrgWeight, DischargeFraction;
        public string? Filing, Icn, Facility, Frequency, PatientStatus, Drg, YesNo;
        public PersonName? Patient, Insured, Corrected, Rendering;
        public DateOnly? Start, End, Received;
        public X12Map<string> Refs = new();
        public X12Map<decimal> Amounts = new();
        public List<Adjustment> Adjustments = [];
        public List<string> Remarks = [];
        public List<ServiceLine> Lines = [];

        public bool InLine;
        public X12Position LinePosition;
        public string? ProcQualifier, Revenue, OrigQualifier, OrigProc, Description, LineControl;
        public string Proc = "";
        public readonly List<string> Modifiers = [], OrigModifiers = [];
        public decimal LineCharge, LinePaid;
        public decimal? Units, OrigUnits, LineAllowed;
        public DateOnly? LineDate, LineDateEnd;
        public X12Map<string> LineRefs = new();
        public X12Map<decimal> LineAmounts = new();
        public List<Adjustment> LineAdjustments = [];
        public List<string> LineRemarks = [];

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void Reset(X12Position at)
        {
            Position = at;
            PatientResp = DrgWeight = DischargeFraction = null;
            Filing = Icn = Facility = Frequency = PatientStatus = Drg = YesNo = null;
            Patient = Insured = Corrected = Rendering = null;
            Start = End = Received = null;
            // Build() copies the lists; the maps are handed over, so only used ones are replaced.
            if (Refs.Count > 0) Refs = new();
            if (Amounts.Count > 0) Amounts = new();
            Adjustments.Clear(); Remarks.Clear(); Lines.Clear();
            InLine = false;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public void FinishLine()
        {
            if (!InLine) return;
            InLine = false;
            Lines.Add(new ServiceLine(ProcQualifier, Proc, Modifiers.Count == 0 ? [] : Modifiers.ToArray(), LineCharge, LinePaid, Revenue, Units,
                OrigQualifier, OrigProc, OrigModifiers.Count == 0 ? [] : OrigModifiers.ToArray(), LineDate, LineDateEnd, LineControl,
                LineRefs.Count == 0 ? X12Map<string>.Empty : LineRefs, LineAllowed,
                LineAmounts.Count == 0 ? X12Map<decimal>.Empty : LineAmounts,
                LineAdjustments.Count == 0 ? [] : LineAdjustments.ToArray(),
                LineRemarks.Count == 0 ? [] : LineRemarks.ToArray(), LinePosition)
            { Description = Description, OriginalUnits = OrigUnits });
            if (LineRefs.Count > 0) LineRefs = new();
            if (LineAmounts.Count > 0) LineAmounts = new();
            LineAdjustments.Clear();
            LineRemarks.Clear();
            LineControl = null; LineAllowed = null; LineDate = null; LineDateEnd = null;
        }

        [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
        public ClaimPayment Build() => new(Pcn, Status, Charge, Paid, PatientResp, Filing, Icn, Facility, Frequency, Drg,
            Patient, Insured, Corrected, Rendering, Start, End, Received,
            Refs.Count == 0 ? X12Map<string>.Empty : Refs,
            Amounts.Count == 0 ? X12Map<decimal>.Empty : Amounts,
            Adjustments.Count == 0 ? [] : Adjustments.ToArray(),
            Remarks.Count == 0 ? [] : Remarks.ToArray(),
            Lines.Count == 0 ? [] : Lines.ToArray(), Position)
        {
            PatientStatusCode = PatientStatus,
            DrgWeight = DrgWeight,
            DischargeFraction = DischargeFraction,
            YesNoCondition = YesNo,
        };
    }
}
