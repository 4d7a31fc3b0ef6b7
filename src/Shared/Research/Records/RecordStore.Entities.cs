using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Denials;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Research.Records;

// The Records table row of each record kind: PartitionKey = the kind, RowKey = the record's key, the record as JSON, and
// the columns records are found by (member, patient, claim, payer, payer claim number).
public sealed partial class RecordStore
{
    public static RecordEntity ToEntity(SubmittedClaim c)
    {
        var e = Entity(SubmittedClaim.Kind, c.Key, c, c.Subscriber?.MemberId ?? c.Patient.MemberId, null, c.ClaimId, c.PayerId, c.PayerClaimNumber);
        e.OriginalReference = c.OriginalReference;
        return e;
    }
    public static RecordEntity ToEntity(CsvDenialMapping m) =>
        new() { PartitionKey = CsvMappingKind, RowKey = RecordKeys.Of(m.Payer.ToLowerInvariant()), Json = CsvMappingJson.ToJson(m), PayerId = m.PayerId };
    public static RecordEntity ToEntity(ContractRate r) => Entity(ContractRate.Kind, r.Key, r, payerId: r.PayerId);
    public static RecordEntity ToEntity(Coverage c) => Entity(Coverage.Kind, c.Key, c, c.MemberId, c.PatientId, null, c.PayerId);
    public static RecordEntity ToEntity(Authorization a) => Entity(Authorization.Kind, a.Key, a, a.MemberId, a.PatientId, null, a.PayerId);
    public static RecordEntity ToEntity(AdvanceNotice n) => Entity(AdvanceNotice.Kind, n.Key, n, n.MemberId, n.PatientId, null, n.PayerId);
    public static RecordEntity ToEntity(EncounterRecord e) => Entity(EncounterRecord.Kind, e.Key, e, e.MemberId, e.PatientId);
    public static RecordEntity ToEntity(PatientRecord p) => Entity(PatientRecord.Kind, p.Key, p, p.Identity.MemberId, p.Id);
    public static RecordEntity ToEntity(PayerProfile p) => Entity(PayerProfile.Kind, p.Key, p, payerId: p.PayerId);
    public static RecordEntity ToEntity(ProviderProfile p) => Entity(ProviderProfile.Kind, p.Key, p);
    public static RecordEntity ToEntity(SubmissionProof p) => Entity(SubmissionProof.Kind, p.Key, p, claimId: p.ClaimId, payerId: p.PayerId);

    private static RecordEntity Entity<T>(string kind, string key, T record, string? memberId = null, string? patientId = null,
        string? claimId = null, string? payerId = null, string? payerClaimNumber = null) => new()
    {
        PartitionKey = kind,
        RowKey = key,
        Json = JsonSerializer.Serialize(record, MessageJson.Options),
        MemberId = memberId,
        PatientId = patientId,
        ClaimId = claimId,
        PayerId = payerId,
        PayerClaimNumber = payerClaimNumber,
    };
}
