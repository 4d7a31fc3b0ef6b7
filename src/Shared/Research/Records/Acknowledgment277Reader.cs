using DenialPipeline.X12;

namespace DenialPipeline.Research.Records;

/// <summary>
/// Proof of timely submission from an X12 277CA (claim acknowledgment, 005010X214): each claim-level status
/// (loop 2200D: TRN*2 = the patient control number, STC01-1 = A1/A2 accepted, STC02 = the date) becomes a
/// <see cref="SubmissionProof"/>, with the payer's claim number from REF*1K when given. Claims the payer rejected (A3, A4, A6, A7, A8) are listed with the reason: they are
/// not proof of acceptance.
/// </summary>
public static class Acknowledgment277Reader
{
    public static ImportResult<SubmissionProof> Read(Stream stream)
    {
        var proofs = new Dictionary<string, SubmissionProof>(StringComparer.Ordinal);
        var rejections = new List<ImportRejection>();
        using var tk = new X12Tokenizer(stream);
        string? payerId = null, claimId = null, payerClaimNumber = null;
        var inClaim = false;
        while (tk.Read())
        {
            var seg = tk.Current;
            if (seg.IdIs("NM1") && seg.Str(1) == "PR") payerId = seg.Str(9);
            else if (seg.IdIs("TRN") && seg.Str(1) == "2")
            {
                claimId = seg.Str(2);
                payerClaimNumber = null;
                inClaim = claimId is { Length: > 0 };
            }
            else if (seg.IdIs("REF") && inClaim && seg.Str(1) == "1K")
            {
                // REF*1K follows the STC in loop 2200D: name the payer's claim number on the proof already taken.
                payerClaimNumber = seg.Str(2);
                if (claimId is not null && payerClaimNumber is not null && proofs.TryGetValue(claimId, out var taken))
                    proofs[claimId] = taken with
                    {
                        Reference = taken.Reference!.StartsWith("277CA", StringComparison.Ordinal) ? payerClaimNumber : taken.Reference,
                        PayerClaimNumber = payerClaimNumber,
                    };
            }
            else if (seg.IdIs("STC") && inClaim && claimId is not null)
            {
                var category = seg.ComponentStr(1, 0);
                var dateText = seg.Str(2);
                if (category is "A1" or "A2")
                {
                    if (!X12Text.TryParseDate(seg[2], out var date))
                    {
                        rejections.Add(new ImportRejection((int)tk.SegmentIndex, $"claim {claimId}: STC02 '{dateText}' is not a date (CCYYMMDD)", claimId));
                        continue;
                    }
                    var proof = new SubmissionProof
                    {
                        ClaimId = claimId,
                        AcceptedDate = date,
                        Source = ProofSource.Ack277CA,
                        Reference = payerClaimNumber ?? $"277CA segment {tk.SegmentIndex}",
                        PayerId = payerId,
                        PayerClaimNumber = payerClaimNumber,
                    };
                    // The earliest acceptance is the proof that counts.
                    if (!proofs.TryGetValue(claimId, out var known) || known.AcceptedDate > date) proofs[claimId] = proof;
                }
                else if (category is "A3" or "A4" or "A6" or "A7" or "A8")
                {
                    rejections.Add(new ImportRejection((int)tk.SegmentIndex, $"claim {claimId}: the payer did not accept it ({category}); this is not proof of timely submission", claimId));
                }
            }
            else if (seg.IdIs("SE")) inClaim = false;
        }
        return new ImportResult<SubmissionProof>(proofs.Values.ToList(), rejections);
    }
}
