using DenialPipeline.Codes;

namespace DenialPipeline.Research.Records;

/// <summary>Submission proof from a clearinghouse CSV (columns: claim_id, accepted_date, source = 999 / 277CA / CSV, reference, payer_id).</summary>
public static class SubmissionProofImporter
{
    private static readonly string[] Required = ["claim_id", "accepted_date"];

    public static ImportResult<SubmissionProof> FromCsv(TextReader reader) => Importer.FromCsv(reader, Required, Map, p => p.Key);

    private static Importer.Mapped<SubmissionProof> Map(FieldBag f)
    {
        var claimId = f.Get("claim_id");
        if (claimId is null) return Importer.Mapped<SubmissionProof>.Fail("claim_id is empty");
        var dateText = f.Get("accepted_date");
        if (dateText is null) return Importer.Mapped<SubmissionProof>.Fail($"claim {claimId}: accepted_date is empty");
        if (!Csv.TryDate(dateText, out var date) || date is null) return Importer.Mapped<SubmissionProof>.Fail($"claim {claimId}: accepted_date '{dateText}' is not a date");
        var sourceText = f.Get("source");
        ProofSource source;
        switch (sourceText?.ToUpperInvariant())
        {
            case "999": case "ACK999": source = ProofSource.Ack999; break;
            case "277CA": case "277": case "ACK277CA": source = ProofSource.Ack277CA; break;
            case null: case "CSV": source = ProofSource.Csv; break;
            default: return Importer.Mapped<SubmissionProof>.Fail($"claim {claimId}: source '{sourceText}' is not 999, 277CA or CSV");
        }
        var issuerText = f.Get("issuer");
        var issuer = ProofIssuer.Unknown;
        if (issuerText is not null && !(Enum.TryParse(issuerText, ignoreCase: true, out issuer) && Enum.IsDefined(issuer)))
            return Importer.Mapped<SubmissionProof>.Fail($"claim {claimId}: issuer '{issuerText}' is not payer or clearinghouse");
        return Importer.Mapped<SubmissionProof>.Ok(new SubmissionProof
        {
            ClaimId = claimId, AcceptedDate = date.Value, Source = source, Reference = f.Get("reference"), PayerId = f.Get("payer_id"), Issuer = issuer,
        });
    }
}
