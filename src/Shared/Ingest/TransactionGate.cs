using DenialPipeline.X12;

namespace DenialPipeline.Ingest;

/// <summary>
/// One ingest's check of each transaction against the file's <see cref="SenderScope"/>: a transaction naming a payer or
/// sender the file's sender may not use is held (quarantined) unless an Admin released it; one an Admin discarded is
/// skipped. Held and discarded transactions open, close and record nothing.
/// </summary>
internal sealed class TransactionGate(SenderScope? scope, FileQuarantine? prior)
{
    private readonly List<QuarantinedTransaction> _held = [];
    private RemittanceTransaction? _current;
    private int _ordinal;
    private bool _holding;

    public int HeldClaims { get; private set; }

    /// <summary>A transaction starts (its header read): decide whether its claims go on.</summary>
    public void Started(RemittanceTransaction tx)
    {
        _ordinal++;
        _current = tx;
        _holding = false;
        if (scope is null || prior?.Released.Contains(_ordinal) == true) return;
        if (prior?.Discarded.Contains(_ordinal) == true)
        {
            _holding = true;
            return;
        }
        var unexpected = scope.Unexpected(tx);
        if (unexpected.Count == 0) return;
        _holding = true;
        _held.Add(new QuarantinedTransaction(_ordinal, tx.ControlNumber, tx.Position.SegmentIndex, unexpected, 0));
    }

    /// <summary>Whether a claim of this transaction is held back (counted on its quarantined transaction).</summary>
    public bool Holds(RemittanceTransaction tx)
    {
        if (!_holding || !ReferenceEquals(tx, _current)) return false;
        HeldClaims++;
        if (_held.Count > 0 && _held[^1].Ordinal == _ordinal) _held[^1] = _held[^1] with { Claims = _held[^1].Claims + 1 };
        return true;
    }

    /// <summary>The file's quarantine after this run, merged with the decisions on the row now; null when none ever was.</summary>
    public FileQuarantine? Merge(FileQuarantine? current)
    {
        if (_held.Count == 0 && current is null) return null;
        current ??= new FileQuarantine();
        var transactions = current.Transactions.Where(t => _held.All(h => h.Ordinal != t.Ordinal)).Concat(_held).OrderBy(t => t.Ordinal).ToList();
        var merged = current with { Transactions = transactions };
        return merged with { State = merged.Pending.Any() ? QuarantineState.Pending : current.State };
    }
}
