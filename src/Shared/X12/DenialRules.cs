using System.Globalization;

namespace DenialPipeline.X12;

/// <summary>
/// When a claim or line needs a coder's work (../shared/DOMAIN.md, "CLP02 claim status" and "Second pass: Not denials").
/// The adjustments that are not denials are data: X12/Data/not-denials.csv (group, reason, the remark they need, kind).
/// </summary>
public static class DenialRules
{
    /// <summary>
    /// What a non-denial adjustment is: a pricing reduction (checked against the contract), the prior payer's impact on a
    /// secondary (OA-23), a pended line, a regulatory penalty.
    /// </summary>
    public enum NotDenialKind { Reduction, PriorPayer, Pending, Penalty }

    private sealed record NotDenial(string? Group, string Reason, string? Remark, NotDenialKind Kind);

    private static readonly IReadOnlyList<NotDenial> NotDenials = LoadNotDenials();

    private static readonly Dictionary<string, NotDenial[]> NotDenialsByReason =
        NotDenials.GroupBy(n => n.Reason, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);

    /// <summary>A plain pricing reduction (CO-45 and the like): not a denial, but a line to check against the contracted rate.</summary>
    public static bool IsPlainContractual(string? reason) =>
        reason is not null && NotDenials.Any(n => n.Kind is NotDenialKind.Reduction or NotDenialKind.PriorPayer && n.Remark is null && n.Reason == reason);

    /// <summary>
    /// A CO/OA/PI adjustment with an amount that no not-denial rule covers. CR (a 4010 correction/reversal) and PR are never
    /// workable. Without <paramref name="remarks"/> (the remark codes at the adjustment's place), rules that need a remark
    /// (CO-237 with N807) do not apply.
    /// </summary>
    public static bool IsWorkable(Adjustment a, IReadOnlyCollection<string>? remarks = null) =>
        IsPayerSideAmount(a) && !IsNotDenial(a, remarks ?? [], []);

    /// <summary>The adjustment in its claim: its place's remark codes (the line's LQ and the claim's MOA/MIA) decide the remark-bound rules.</summary>
    public static bool IsWorkable(ClaimPayment claim, Adjustment a) => IsWorkable(a, RemarksAt(claim, a));

    /// <summary>The line alone: paid zero or reduced by a workable adjustment.</summary>
    public static bool IsLineDenied(ServiceLine line) => (line.Paid == 0m || line.Paid < line.Charge) && AnyWorkable(line.Adjustments, line.Remarks, []);

    /// <summary>A line in its claim: never a denial on a reversal (CLP02 = 22) or a predetermination (25).</summary>
    public static bool IsLineDenied(ClaimPayment claim, ServiceLine line) =>
        claim.Status is not ("22" or "25") && (line.Paid == 0m || line.Paid < line.Charge) && AnyWorkable(line.Adjustments, line.Remarks, claim.Remarks);

    public static bool IsClaimDenied(ClaimPayment claim)
    {
        if (claim.Status is "22" or "25") return false; // a reversal links to an earlier payment; a predetermination pays nothing by design
        if (claim.Status == "4") return true;
        if (claim.Paid == 0m && claim.Charge > 0m && PaidNothingForADenial(claim)) return true;
        if (AnyWorkable(claim.Adjustments, claim.Remarks, [])) return true;
        var lines = claim.Lines;
        for (var i = 0; i < lines.Count; i++) if (IsLineDenied(claim, lines[i])) return true;
        return false;
    }

    // Every claim of every file passes here (ingest, parse, the case page), so these loops allocate nothing: no
    // closures, no remark lists joined per call; the remarks at a line's place are its own and then its claim's.
    private static bool AnyWorkable(IReadOnlyList<Adjustment> adjustments, IReadOnlyList<string> remarks, IReadOnlyList<string> moreRemarks)
    {
        for (var i = 0; i < adjustments.Count; i++)
        {
            var a = adjustments[i];
            if (IsPayerSideAmount(a) && !IsNotDenial(a, remarks, moreRemarks)) return true;
        }
        return false;
    }

    private static bool IsPayerSideAmount(Adjustment a) => a.Group is "CO" or "OA" or "PI" && a.Amount > 0;

    /// <summary>
    /// A $0 claim is a denial when an adjustment other than the patient's share is not a non-denial, or when reductions
    /// alone left nothing for anyone (allowed $0). Not when the allowed amount went to the patient (CO-45 + PR-1: the
    /// deductible took it), the prior payer's payment explains it (OA-23 on a secondary) or the claim is pended (OA-133).
    /// </summary>
    private static bool PaidNothingForADenial(ClaimPayment claim)
    {
        var payerSide = claim.AllAdjustments.Where(a => a.Group is not ("PR" or "CR") && a.Amount != 0m).ToList();
        if (payerSide.Any(a => !IsNotDenial(a, RemarksAt(claim, a)))) return true;
        var patientShare = claim.AllAdjustments.Any(a => a.Group == "PR" && a.Amount > 0m);
        return payerSide.Count > 0 && !patientShare && payerSide.All(a => KindOf(a) == NotDenialKind.Reduction);
    }

    private static NotDenialKind? KindOf(Adjustment a) =>
        NotDenials.FirstOrDefault(n => n.Reason == a.Reason && n.Remark is null && (n.Group is null || n.Group == a.Group))?.Kind;

    /// <summary>The remark codes at an adjustment's place: the claim's for a claim-level one, its line's and the claim's for a line's.</summary>
    public static IReadOnlyCollection<string> RemarksAt(ClaimPayment claim, Adjustment a)
    {
        if (a.Level == AdjustmentLevel.Claim) return claim.Remarks.ToList();
        var line = claim.Lines.FirstOrDefault(l => l.Adjustments.Any(x => ReferenceEquals(x, a)));
        return line is null ? claim.Remarks.ToList() : RemarksOf(claim, line);
    }

    private static List<string> RemarksOf(ClaimPayment claim, ServiceLine line) => [.. line.Remarks, .. claim.Remarks];

    private static bool IsNotDenial(Adjustment a, IReadOnlyCollection<string> remarks) => IsNotDenial(a, remarks, []);

    private static bool IsNotDenial(Adjustment a, IReadOnlyCollection<string> remarks, IReadOnlyCollection<string> moreRemarks)
    {
        if (a.Reason is null || !NotDenialsByReason.TryGetValue(a.Reason, out var rules)) return false;
        foreach (var n in rules)
        {
            if (n.Group is not null && n.Group != a.Group) continue;
            if (n.Remark is null || Contains(remarks, n.Remark) || Contains(moreRemarks, n.Remark)) return true;
        }
        return false;
    }

    private static bool Contains(IReadOnlyCollection<string> remarks, string remark)
    {
        if (remarks.Count == 0) return false;
        if (remarks is IReadOnlyList<string> list)
        {
            for (var i = 0; i < list.Count; i++) if (string.Equals(list[i], remark, StringComparison.OrdinalIgnoreCase)) return true;
            return false;
        }
        return remarks.Contains(remark, StringComparer.OrdinalIgnoreCase);
    }

    private static List<NotDenial> LoadNotDenials()
    {
        var assembly = typeof(DenialRules).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".X12.Data.not-denials.csv", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        var list = new List<NotDenial>();
        var row = 0;
        while (reader.ReadLine() is { } text)
        {
            if (row++ == 0 || text.Length == 0) continue; // header
            var f = text.Split(',', 5);
            if (f.Length < 5 || f[1].Length == 0 || !Enum.TryParse<NotDenialKind>(f[3], out var kind))
                throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"X12/Data/not-denials.csv row {row}: expected group,reason,remark,kind,source"));
            list.Add(new NotDenial(f[0].Length == 0 ? null : f[0], f[1], f[2].Length == 0 ? null : f[2], kind));
        }
        return list;
    }
}
