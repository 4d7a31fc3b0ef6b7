using DenialPipeline.X12;

namespace DenialPipeline.Research.Records;

/// <summary>
/// Proof of timely submission from an X12 277CA (claim acknowledgment, 005010X214): each claim-level status
/// (loop 2200D: TRN*2 = the patient control number, STC01-1 category, STC02 = the date) with category A2 ("accepted into
/// the adjudication system", code source 507) becomes a <see cref="SubmissionProof"/>, with the payer's claim number from
/// REF*1K when given and the issuer from the information source (loop 2100A NM1*PR payer, NM1*AY clearinghouse). A1 is
/// receipt only ("does not mean that the claim has been accepted for adjudication"), A0 forwarded, A3 returned as
/// unprocessable, A4 not found, A6/A7/A8 rejected (missing, invalid, relational): each is listed with its meaning and
/// is no proof of acceptance.
/// </summary>
public static class Acknowledgment277Reader
{
    public static ImportResult<SubmissionProof> Read(Stream stream)
    {
        var proofs = new Dictionary<string, SubmissionProof>(StringComparer.Ordinal);
        var rejections = new List<ImportRejection>();
        using var tk = new X12Tokenizer(stream);
        string? payerId = null, claimId = null, payerClaimNumber = null;
        var issuer = ProofIssuer.Unknown;
        string? level = null; // HL03: claim statuses are those of the patient level (PT, loop 2200D)
        var inClaim = false;
        while (tk.Read())
        {
            var seg = tk.Current;
            if (seg.IdIs("NM1") && seg.Str(1) == "PR" && !inClaim) { payerId = seg.Str(9); issuer = ProofIssuer.Payer; }
            else if (seg.IdIs("NM1") && seg.Str(1) == "AY" && !inClaim) { payerId = null; issuer = ProofIssuer.Clearinghouse; }
            else if (seg.IdIs("HL")) { level = seg.Str(3); inClaim = false; }
            else if (seg.IdIs("TRN") && seg.Str(1) == "2" && level is "PT" or null)
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
                        Issuer = issuer,
                    };
            }
            else if (seg.IdIs("STC") && inClaim && claimId is not null)
            {
                var category = seg.ComponentStr(1, 0);
                var dateText = seg.Str(2);
                if (category == "A2")
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
                        Issuer = issuer,
                    };
                    // The earliest acceptance is the proof that counts.
                    if (!proofs.TryGetValue(claimId, out var known) || known.AcceptedDate > date) proofs[claimId] = proof;
                }
                else if (NotAccepted(category) is { } meaning)
                {
                    rejections.Add(new ImportRejection((int)tk.SegmentIndex, $"claim {claimId}: {category} ({meaning}); this is not proof of timely submission", claimId));
                }
            }
            else if (seg.IdIs("SE")) inClaim = false;
        }
        return new ImportResult<SubmissionProof>(proofs.Values.ToList(), rejections);
    }

    /// <summary>The X12 meaning of a claim status category that is not an acceptance (code source 507), null for A2 and others.</summary>
    private static string? NotAccepted(string? category) => category switch
    {
        "A0" => "forwarded to another entity, not accepted here",
        "A1" => "received, which does not mean accepted for adjudication",
        "A3" => "returned as unprocessable",
        "A4" => "not found",
        "A6" => "rejected for missing information",
        "A7" => "rejected for invalid information",
        "A8" => "rejected for relational field in error",
        _ => null,
    };
}
