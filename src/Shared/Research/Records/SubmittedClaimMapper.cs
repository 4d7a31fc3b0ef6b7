using DenialPipeline.X12;

namespace DenialPipeline.Research.Records;

/// <summary>An 837 claim (as read) → the SubmittedClaim record research matches against.</summary>
public static class SubmittedClaimMapper
{
    public static bool TryMap(SubmittedClaim837 c, out SubmittedClaim? claim, out string? reason)
    {
        claim = null;
        if (string.IsNullOrWhiteSpace(c.ClaimId)) { reason = "claim without CLM01 (claim id)"; return false; }
        var firstDate = c.StatementStart ?? c.Lines.Select(l => l.ServiceDate).Where(d => d is not null).Min();
        if (firstDate is null) { reason = $"claim {c.ClaimId}: no date of service (no DTP*472 on its lines, no statement dates)"; return false; }
        var lines = c.Lines.Select((l, i) => new SubmittedLine
        {
            Number = l.LineNumber ?? i + 1,
            Procedure = l.Procedure ?? l.RevenueCode ?? "",
            Modifiers = l.Modifiers,
            Units = l.Units ?? 1m,
            Charge = l.Charge,
            ServiceDate = l.ServiceDate ?? firstDate.Value,
            ServiceDateEnd = l.ServiceDateEnd,
            LineControlNumber = l.LineControlNumber,
            PlaceOfService = l.PlaceOfService,
        }).ToList();
        var patient = c.Patient ?? c.Subscriber;
        claim = new SubmittedClaim
        {
            ClaimId = c.ClaimId,
            Patient = new PersonIdentity
            {
                LastName = patient?.Last,
                FirstName = patient?.First,
                MemberId = c.SubscriberMemberId,
                // A dependent's own birth date (2010CA DMG), never the subscriber's under the dependent's name.
                BirthDate = c.Patient is null ? c.SubscriberBirthDate : c.PatientBirthDate,
            },
            Subscriber = c.Subscriber is null ? null : new PersonIdentity
            {
                LastName = c.Subscriber.Last, FirstName = c.Subscriber.First, MemberId = c.SubscriberMemberId, BirthDate = c.SubscriberBirthDate,
            },
            PayerId = c.PayerId,
            PayerName = c.PayerName,
            BillingNpi = c.BillingProviderNpi,
            RenderingNpi = c.RenderingProviderNpi ?? c.Lines.Select(l => l.RenderingProviderNpi).FirstOrDefault(n => n is not null),
            Taxonomy = c.RenderingProviderTaxonomy ?? c.BillingProviderTaxonomy,
            PlaceOfService = c.FacilityCode,
            DiagnosisCodes = c.DiagnosisCodes.ToList(),
            Lines = lines,
            PriorAuthorizationNumber = c.PriorAuthorization,
            ReferralNumber = c.Referral,
            FrequencyCode = c.FrequencyCode ?? "1",
            OriginalReference = c.OriginalReference,
            SubmissionDate = c.SubmissionDate,
            ServiceDateStart = firstDate.Value,
            ServiceDateEnd = c.StatementEnd ?? c.Lines.Select(l => l.ServiceDateEnd ?? l.ServiceDate).Where(d => d is not null).Max(),
            Institutional = c.Kind == ClaimKind837.Institutional,
            Drg = c.Drg,
        };
        reason = null;
        return true;
    }
}
