using DenialPipeline.X12;

namespace DenialPipeline.Ingest;

/// <summary>
/// Who a payer file may speak for: the payer ids its sender was mapped to (payer identities). Every id a transaction
/// gives for its payer or sender — N1*PR04, REF*2U, TRN03 (payer identifier), ISA06 and GS02 — must be one of them,
/// and the transaction must name a payer id at all; otherwise the transaction is quarantined (docs/api.md, "Quarantine").
/// A file dropped by staff has no scope: it is trusted.
/// </summary>
public sealed record SenderScope(string Source, IReadOnlyList<string> AllowedIds)
{
    /// <summary>The ids the transaction names that its sender may not use (empty when it may be processed).</summary>
    public IReadOnlyList<string> Unexpected(RemittanceTransaction tx)
    {
        var claimed = ClaimedIds(tx);
        var bad = claimed.Where(id => !AllowedIds.Contains(id, StringComparer.OrdinalIgnoreCase)).ToList();
        if (string.IsNullOrWhiteSpace(tx.Payer.Id)) bad.Insert(0, "(no payer id)");
        return bad;
    }

    /// <summary>Every payer or sender id the transaction gives, trimmed, each once.</summary>
    public static IReadOnlyList<string> ClaimedIds(RemittanceTransaction tx) =>
        new[] { tx.Payer.Id, tx.PayerN1Id, tx.OriginatingCompanyId, tx.InterchangeSender, tx.GroupSender }
            .Where(id => !string.IsNullOrWhiteSpace(id)).Select(id => id!.Trim())
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
