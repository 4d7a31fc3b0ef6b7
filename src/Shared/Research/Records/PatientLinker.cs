namespace DenialPipeline.Research.Records;

/// <summary>
/// Decides which Patient a denied claim belongs to, the way a coder ties records: the Patient the submitted claim names;
/// else a member id of the claim (835 NM1*IL/NM1*QC, 837 subscriber/patient) that is one of the Patient's identifiers or the
/// subscriber id of a Coverage whose beneficiary is the Patient; else the patient's name and birth date. Two Patients
/// fitting at the same step is ambiguous: neither is used, and the explanation says so.
/// </summary>
public static class PatientLinker
{
    public static PatientLink Link(string? claimPatientId, IReadOnlyList<PatientIdHit> idHits, IReadOnlyList<string> nameAndBirthDateHits, bool nameAndBirthDateKnown)
    {
        ArgumentNullException.ThrowIfNull(idHits);
        ArgumentNullException.ThrowIfNull(nameAndBirthDateHits);
        if (!string.IsNullOrWhiteSpace(claimPatientId))
            return new PatientLink
            {
                Method = PatientLinkMethod.SamePatientResource,
                PatientIds = [claimPatientId],
                Explanation = $"Records tied through the same Patient resource: the submitted claim names Patient {claimPatientId}; its coverages (whatever their subscriber id), encounters and authorizations are used.",
            };

        var byId = idHits.Select(h => h.PatientId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (byId.Count == 1)
        {
            var via = string.Join(" and ", idHits.Select(h => h.Via).Distinct(StringComparer.Ordinal));
            return new PatientLink
            {
                Method = PatientLinkMethod.MemberId,
                PatientIds = byId,
                Explanation = $"Records tied by the same member id: the claim's member id is {via} of Patient {byId[0]}; that patient's coverages (whatever their subscriber id), encounters and authorizations are used.",
            };
        }
        if (byId.Count > 1)
            return Ambiguous(byId, $"The claim's member id belongs to {byId.Count} different Patient records ({string.Join(", ", byId)})");

        var byName = nameAndBirthDateHits.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (byName.Count == 1)
            return new PatientLink
            {
                Method = PatientLinkMethod.NameAndBirthDate,
                PatientIds = byName,
                Explanation = $"Records tied by name and birth date only (no member id of the claim is on a Patient record): Patient {byName[0]} has the claim's patient name and birth date. Confirm it is the same person before relying on its coverage or encounters.",
            };
        if (byName.Count > 1)
            return Ambiguous(byName, $"{byName.Count} Patient records ({string.Join(", ", byName)}) have the claim's patient name and birth date and no member id tells them apart");

        return new PatientLink
        {
            Method = PatientLinkMethod.None,
            Explanation = nameAndBirthDateKnown
                ? "No Patient record carries the claim's member id, name and birth date: only records filed under the claim's member id are used."
                : "No Patient record carries the claim's member id (and the claim gives no birth date to match on): only records filed under the claim's member id are used.",
        };
    }

    private static PatientLink Ambiguous(IReadOnlyList<string> candidates, string why) => new()
    {
        Method = PatientLinkMethod.Ambiguous,
        Candidates = candidates,
        Explanation = $"Ambiguous patient link: {why}. None of their coverages, encounters or authorizations was used; add the member id to the right Patient record (or correct the other) and research again.",
    };
}
