using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;

namespace DenialPipeline.Research.Rules;

/// <summary>One adjustment with its line context: what a rule is asked about.</summary>
internal sealed record DenialItem(Adjustment Adjustment, int? LineIndex, ServiceLine? Line, SubmittedLine? Submitted, CarcInfo Carc, GroupCodeInfo Group)
{
    /// <summary>Group and CARC as a coder writes them (CO-197).</summary>
    public string Label => $"{Adjustment.Group}-{Carc.Code}";

    /// <summary>"line 2 (97110)", or "the claim" for a claim-level adjustment.</summary>
    public string LineLabel => LineIndex is { } i
        ? $"line {i + 1} ({Submitted?.Procedure ?? Line?.Procedure})"
        : "the claim";

    /// <summary>Whether two items are the same denial reason (group + CARC).</summary>
    public bool SameReason(DenialItem other) =>
        Adjustment.Group == other.Adjustment.Group && Carc.Code.Code == other.Carc.Code.Code;
}
