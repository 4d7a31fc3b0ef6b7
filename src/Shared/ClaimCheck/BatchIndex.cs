namespace DenialPipeline.ClaimCheck;

/// <summary>What earlier claims of a batch billed, per member (in-batch duplicates): a few fields per line.</summary>
public sealed class BatchIndex
{
    private readonly Dictionary<string, List<BatchService>> _byMember = new(StringComparer.OrdinalIgnoreCase);

    public IReadOnlyList<BatchService> For(string? member) => member is { Length: > 0 } && _byMember.TryGetValue(member.Trim(), out var l) ? l.ToList() : [];

    public void Add(ClaimUnderCheck claim)
    {
        if (claim.MemberId is not { Length: > 0 } m) return;
        if (!_byMember.TryGetValue(m.Trim(), out var list)) _byMember[m.Trim()] = list = [];
        list.AddRange(ClaimChecker.ServicesOf(claim));
    }
}
