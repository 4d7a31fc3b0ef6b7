namespace DenialPipeline.Research.Records;

/// <summary>
/// Which acknowledgment on file proves timely filing with this payer, so research and the letter cite the same one:
/// the earliest acceptance of the claim by this payer (a proof naming no payer counts for it). A payer's 277CA A2
/// proves filing with the payer; a clearinghouse's A2 (NM1*AY) proves acceptance by the clearinghouse for forwarding,
/// and counts only when the payer profile accepts clearinghouse acknowledgments; a 999 proves syntax only, never
/// filing. A CSV report that does not say who issued it is a clearinghouse report.
/// </summary>
public static class TimelyFilingProofs
{
    /// <summary>The proof that counts (null when none), what kind of proof it is, and what was set aside and why.</summary>
    public sealed record Choice(SubmissionProof? Proof, string? Kind, IReadOnlyList<SubmissionProof> OtherPayers, IReadOnlyList<(SubmissionProof Proof, string Why)> NotProof);

    public static Choice Choose(IEnumerable<SubmissionProof> proofs, IEnumerable<string?> claimIds, IEnumerable<string?> payerIds, PayerProfile? payer)
    {
        ArgumentNullException.ThrowIfNull(proofs);
        var claims = claimIds.OfType<string>().Where(s => s.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var payers = payerIds.OfType<string>().Where(s => s.Length > 0).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var forClaim = proofs.Where(p => claims.Contains(p.ClaimId)).OrderBy(p => p.AcceptedDate).ToList();
        var thisPayer = forClaim.Where(p => p.PayerId is null || payers.Count == 0 || payers.Contains(p.PayerId)).ToList();
        var others = forClaim.Except(thisPayer).ToList();
        var notProof = new List<(SubmissionProof, string)>();
        foreach (var p in thisPayer)
        {
            var (counts, kind, why) = Judge(p, payer);
            if (counts) return new Choice(p, kind, others, notProof);
            notProof.Add((p, why!));
        }
        return new Choice(null, null, others, notProof);
    }

    /// <summary>Whether one acknowledgment proves filing with the payer, what kind of proof it is, or why not.</summary>
    public static (bool Counts, string? Kind, string? Why) Judge(SubmissionProof p, PayerProfile? payer)
    {
        ArgumentNullException.ThrowIfNull(p);
        if (p.Source == ProofSource.Ack999)
            return (false, null, "a 999 implementation acknowledgment proves the file's syntax was accepted, not that the claim was filed");
        var issuer = p.Issuer == ProofIssuer.Unknown && p.Source == ProofSource.Csv ? ProofIssuer.Clearinghouse : p.Issuer;
        if (issuer == ProofIssuer.Clearinghouse)
        {
            if (payer?.AcceptsClearinghouseAcknowledgment == true)
                return (true, $"the clearinghouse's acceptance report ({Source(p)}), which {payer.Name} accepts as proof of timely filing", null);
            return (false, null, $"the clearinghouse's acceptance ({Source(p)}) proves acceptance by the clearinghouse for forwarding, and the payer profile does not say this payer accepts clearinghouse acknowledgments");
        }
        return (true, p.Source == ProofSource.Ack277CA ? "the payer's own 277CA acknowledgment (A2: accepted into adjudication)" : $"the payer's acceptance ({Source(p)})", null);
    }

    private static string Source(SubmissionProof p) => p.Source switch
    {
        ProofSource.Ack277CA => "277CA",
        ProofSource.Ack999 => "999",
        _ => "acceptance report",
    };
}
