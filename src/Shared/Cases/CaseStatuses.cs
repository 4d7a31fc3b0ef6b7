namespace DenialPipeline.Cases;

public static class CaseStatuses
{
    public static bool IsClosed(CaseStatus s) =>
        s is CaseStatus.Overturned or CaseStatus.PartiallyOverturned or CaseStatus.Upheld
            or CaseStatus.WrittenOff or CaseStatus.PatientBilled or CaseStatus.Rebilled;

    public static bool TryParse(string? value, out CaseStatus status) =>
        Enum.TryParse(value, ignoreCase: true, out status) && Enum.IsDefined(status);
}
