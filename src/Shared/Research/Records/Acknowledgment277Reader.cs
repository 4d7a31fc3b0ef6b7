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
        using var tk = new X12Tokenizer(stream);
        var reading = new Reading();
        while (tk.Read()) reading.Take(tk.Current, tk.SegmentIndex);
        return new ImportResult<SubmissionProof>(reading.Proofs.Values.ToList(), reading.Rejections);
    }

    /// <summary>Where the reader is in one 277CA: the information source, the level and the claim being read.</summary>
    private sealed class Reading
    {
        public Dictionary<string, SubmissionProof> Proofs { get; } = new(StringComparer.Ordinal);
        public List<ImportRejection> Rejections { get; } = [];
        private string? _payerId, _claimId, _payerClaimNumber;
        private ProofIssuer _issuer = ProofIssuer.Unknown;
        private string? _level; // HL03: claim statuses are those of the patient level (PT, loop 2200D)
        private bool _inClaim;

        public void Take(X12Segment seg, long index)
        {
            if (seg.IdIs("NM1") && seg.Str(1) == "PR" && !_inClaim) { _payerId = seg.Str(9); _issuer = ProofIssuer.Payer; }
            else if (seg.IdIs("NM1") && seg.Str(1) == "AY" && !_inClaim) { _payerId = null; _issuer = ProofIssuer.Clearinghouse; }
            else if (seg.IdIs("HL")) { _level = seg.Str(3); _inClaim = false; }
            else if (seg.IdIs("TRN") && seg.Str(1) == "2" && _level is "PT" or null)
            {
                _claimId = seg.Str(2);
                _payerClaimNumber = null;
                _inClaim = _claimId is { Length: > 0 };
            }
            else if (seg.IdIs("REF") && _inClaim && seg.Str(1) == "1K") PayerClaimNumber(seg.Str(2));
            else if (seg.IdIs("STC") && _inClaim && _claimId is not null) Status(seg, index, _claimId);
            else if (seg.IdIs("SE")) _inClaim = false;
        }

        /// <summary>REF*1K follows the STC in loop 2200D: name the payer's claim number on the proof already taken.</summary>
        private void PayerClaimNumber(string? number)
        {
            _payerClaimNumber = number;
            if (_claimId is not null && _payerClaimNumber is not null && Proofs.TryGetValue(_claimId, out var taken))
                Proofs[_claimId] = taken with
                {
                    Reference = taken.Reference!.StartsWith("277CA", StringComparison.Ordinal) ? _payerClaimNumber : taken.Reference,
                    PayerClaimNumber = _payerClaimNumber,
                    Issuer = _issuer,
                };
        }

        private void Status(X12Segment seg, long index, string claimId)
        {
            var category = seg.ComponentStr(1, 0);
            if (category != "A2")
            {
                if (NotAccepted(category) is { } meaning)
                    Rejections.Add(new ImportRejection((int)index, $"claim {claimId}: {category} ({meaning}); this is not proof of timely submission", claimId));
                return;
            }
            if (!X12Text.TryParseDate(seg[2], out var date))
            {
                Rejections.Add(new ImportRejection((int)index, $"claim {claimId}: STC02 '{seg.Str(2)}' is not a date (CCYYMMDD)", claimId));
                return;
            }
            var proof = new SubmissionProof
            {
                ClaimId = claimId,
                AcceptedDate = date,
                Source = ProofSource.Ack277CA,
                Reference = _payerClaimNumber ?? $"277CA segment {index}",
                PayerId = _payerId,
                PayerClaimNumber = _payerClaimNumber,
                Issuer = _issuer,
            };
            // The earliest acceptance is the proof that counts.
            if (!Proofs.TryGetValue(claimId, out var known) || known.AcceptedDate > date) Proofs[claimId] = proof;
        }
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
