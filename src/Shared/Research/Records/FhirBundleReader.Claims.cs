using Hl7.Fhir.Model;
using static DenialPipeline.Research.Records.FhirValues;
using FhirCoverage = Hl7.Fhir.Model.Coverage;

namespace DenialPipeline.Research.Records;

/// <summary>Claim → SubmittedClaim (lines, diagnoses by sequence, payer of the focal coverage) and its preAuthRef Authorizations.</summary>
internal sealed partial class FhirBundleReader
{
    private void AddClaim(Claim claim, int entry)
    {
        var claimId = claim.Identifier.FirstOrDefault()?.Value ?? _index.IdOf(claim);
        if (string.IsNullOrEmpty(claimId)) { Reject(entry, "Claim has neither identifier nor id"); return; }
        var start = Date(claim.BillablePeriod?.Start);
        if (start is null) { Reject(entry, $"Claim {claimId}: billablePeriod.start is missing or not a date"); return; }
        var end = Date(claim.BillablePeriod?.End);
        var patient = _index.Resolve<Patient>(claim.Patient);
        var focal = claim.Insurance.FirstOrDefault(x => x.Focal == true) ?? claim.Insurance.FirstOrDefault();
        var coverage = _index.Resolve<FhirCoverage>(focal?.Coverage) ?? claim.Contained.OfType<FhirCoverage>().FirstOrDefault(x => focal?.Coverage?.Reference == "#" + x.Id);
        var payerRef = coverage?.Payor.FirstOrDefault();
        var payerOrg = _index.Resolve<Organization>(payerRef);
        var payerId = _index.IdOf(payerOrg) ?? RefId(payerRef) ?? payerRef?.Display ?? focal?.Coverage?.Display;
        var diagnoses = Diagnoses(claim);
        var lines = Lines(claim, claimId, entry, diagnoses, start.Value, end);
        var provider = _index.Resolve<Practitioner>(claim.Provider);
        var org = _index.Resolve<Organization>(claim.Provider);
        var record = new SubmittedClaim
        {
            ClaimId = claimId,
            Patient = patient is null ? new PersonIdentity() : Identity(patient, coverage?.SubscriberId),
            PatientId = _index.IdOf(patient) ?? RefId(claim.Patient),
            PayerId = payerId,
            PayerName = payerOrg?.Name ?? payerRef?.Display ?? focal?.Coverage?.Display,
            BillingNpi = Npi(provider?.Identifier ?? org?.Identifier),
            DiagnosisCodes = diagnoses,
            Lines = lines,
            PriorAuthorizationNumber = claim.Insurance.SelectMany(x => x.PreAuthRef).FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)),
            ReferralNumber = claim.Referral?.Identifier?.Value,
            SubmissionDate = Date(claim.Created),
            ServiceDateStart = start.Value,
            ServiceDateEnd = end,
        };
        _claims.TryAdd(record.Key, record);
        AddAuthorizations(claim, record);
    }

    /// <summary>The claim's diagnosis codes in sequence order, coded inline or through a referenced Condition.</summary>
    private List<string> Diagnoses(Claim claim)
    {
        var diagnoses = new List<string>();
        foreach (var d in claim.Diagnosis)
        {
            var code = d.Diagnosis switch
            {
                CodeableConcept cc => FirstCode(cc),
                ResourceReference rr => FirstCode(_index.Resolve<Condition>(rr)?.Code),
                _ => null,
            };
            if (code is not null) diagnoses.Add(code);
        }
        return diagnoses;
    }

    /// <summary>One line per item with a productOrService code (others rejected); dates default to the billable period.</summary>
    private List<SubmittedLine> Lines(Claim claim, string claimId, int entry, List<string> diagnoses, DateOnly start, DateOnly? end)
    {
        var lines = new List<SubmittedLine>();
        foreach (var item in claim.Item)
        {
            var procedure = FirstCode(item.ProductOrService);
            if (procedure is null) { Reject(entry, $"Claim {claimId}: item {item.Sequence} has no productOrService code"); continue; }
            var (lineStart, lineEnd) = item.Serviced switch
            {
                Date d => (Date(d.Value), (DateOnly?)null),
                Period p => (Date(p.Start), Date(p.End)),
                _ => (start, end),
            };
            lines.Add(new SubmittedLine
            {
                Number = item.Sequence ?? lines.Count + 1,
                Procedure = procedure,
                Modifiers = item.Modifier.Select(FirstCode).OfType<string>().ToList(),
                Units = item.Quantity?.Value ?? 1m,
                Charge = item.Net?.Value ?? item.UnitPrice?.Value ?? 0m,
                ServiceDate = lineStart ?? start,
                ServiceDateEnd = lineEnd,
                DiagnosisCodes = item.DiagnosisSequence.Select(s => s - 1).Where(s => s >= 0 && s < diagnoses.Count).Select(s => diagnoses[s!.Value]).ToList(),
            });
        }
        return lines;
    }

    /// <summary>Every insurance.preAuthRef is an authorization of the claim's procedures over its billable period.</summary>
    private void AddAuthorizations(Claim claim, SubmittedClaim record)
    {
        foreach (var ins in claim.Insurance)
        {
            foreach (var number in ins.PreAuthRef.OfType<string>().Where(s => !string.IsNullOrWhiteSpace(s)))
            {
                var insCoverage = _index.Resolve<FhirCoverage>(ins.Coverage);
                var insPayer = insCoverage?.Payor.FirstOrDefault();
                var auth = new Authorization
                {
                    Number = number.Trim(),
                    PatientId = record.PatientId,
                    MemberId = insCoverage?.SubscriberId,
                    PayerId = _index.IdOf(_index.Resolve<Organization>(insPayer)) ?? RefId(insPayer) ?? insPayer?.Display ?? record.PayerId,
                    ProcedureCodes = record.Lines.Select(l => l.Procedure).Distinct(StringComparer.Ordinal).ToList(),
                    PeriodStart = record.ServiceDateStart,
                    PeriodEnd = record.ServiceDateEnd ?? record.ServiceDateStart,
                };
                _authorizations.TryAdd(auth.Key, auth);
            }
        }
    }
}
