using System.Globalization;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Cases;

/// <summary>Builds the case row for a denied claim. The id is derived from what identifies this adjudication.</summary>
public static class CaseFactory
{
    public static string CaseIdFor(RemittanceTransaction tx, ClaimPayment claim) => Keys.Hash("c",
        tx.Payer.Id ?? tx.Payer.Name, claim.PatientControlNumber, claim.PayerClaimControlNumber, claim.Status,
        claim.Charge.ToString(CultureInfo.InvariantCulture), claim.Paid.ToString(CultureInfo.InvariantCulture), tx.TraceNumber);

    public static CaseEntity FromClaim(string fileId, RemittanceTransaction tx, ClaimPayment claim)
    {
        var snapshot = ClaimSnapshot.From(claim);
        return new CaseEntity
        {
            CaseId = CaseIdFor(tx, claim),
            FileId = fileId,
            TransactionControlNumber = tx.ControlNumber,
            TraceNumber = tx.TraceNumber,
            RemittanceDate = (tx.PaymentDate ?? tx.ProductionDate)?.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            PayerId = tx.Payer.Id ?? "",
            PayerName = tx.Payer.Name ?? "",
            PayeeId = tx.Payee.Id,
            PatientControlNumber = claim.PatientControlNumber,
            PayerClaimControlNumber = claim.PayerClaimControlNumber,
            ClaimStatusCode = claim.Status,
            FilingIndicator = claim.FilingIndicator,
            ChargeAmount = (double)claim.Charge,
            PaidAmount = (double)claim.Paid,
            DeniedAmount = (double)snapshot.DeniedAmount(),
            ReasonCodes = string.Join(',', snapshot.AllAdjustments.Select(a => a.Code).Distinct()),
            ClaimJson = snapshot.Serialize(),
            RemittancePayload = new RemittancePayload(tx, claim).ToBytes(),
        };
    }
}
