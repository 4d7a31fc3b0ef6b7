using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

/// <summary>
/// The denial rules run on every claim of every file, so they are written as allocation-free loops. This pins them to
/// the plain statement of the rule (DOMAIN.md, "Not denials"; X12/Data/not-denials.csv), written here the direct way,
/// over thousands of random claims: any difference between the two is a regression of the fast form.
/// </summary>
public sealed class DenialRulesEquivalenceTests
{
    private static readonly X12Position At = new(1, 0);
    private static readonly string[] Groups = ["CO", "OA", "PI", "PR", "CR"];
    private static readonly string[] Reasons = ["45", "42", "253", "23", "133", "237", "50", "97", "18", "1", "2", "A2", "16"];
    private static readonly string[] RemarkCodes = ["N807", "n807", "M15", "N290", "MA130"];
    private static readonly string[] Statuses = ["1", "2", "3", "4", "19", "20", "22", "25"];

    // The rule as stated: a CO/OA/PI adjustment with an amount, not covered by a not-denial row (group, reason, and
    // the remark when the row names one, among the remarks at the adjustment's place).
    private static bool Workable(Adjustment a, IEnumerable<string> remarks, IReadOnlyList<(string? Group, string Reason, string? Remark)> rows) =>
        a.Group is "CO" or "OA" or "PI" && a.Amount > 0 && !rows.Any(n => n.Reason == a.Reason && (n.Group is null || n.Group == a.Group)
            && (n.Remark is null || remarks.Contains(n.Remark, StringComparer.OrdinalIgnoreCase)));

    private static bool LineDenied(ClaimPayment c, ServiceLine l, IReadOnlyList<(string?, string, string?)> rows) =>
        c.Status is not ("22" or "25") && l.Adjustments.Any(a => Workable(a, l.Remarks.Concat(c.Remarks), rows)) && (l.Paid == 0m || l.Paid < l.Charge);

    [Fact]
    public void FastRules_AgreeWithTheRuleAsStated_OnRandomClaims()
    {
        var rows = NotDenialRows();
        var random = new Random(22);
        var disagreements = new List<string>();
        for (var n = 0; n < 5000 && disagreements.Count < 5; n++)
        {
            var claim = RandomClaim(random);
            foreach (var l in claim.Lines)
            {
                if (claim.IsLineDenied(l) != LineDenied(claim, l, rows)) disagreements.Add($"claim {n} line {l.Procedure}: IsLineDenied");
                var alone = l.Adjustments.Any(a => Workable(a, l.Remarks, rows)) && (l.Paid == 0m || l.Paid < l.Charge);
                if (l.Denied != alone) disagreements.Add($"claim {n} line {l.Procedure}: ServiceLine.Denied");
            }
            foreach (var a in claim.Adjustments)
                if (DenialRules.IsWorkable(a, claim.Remarks.ToList()) != Workable(a, claim.Remarks, rows)) disagreements.Add($"claim {n}: IsWorkable {a.Group}-{a.Reason}");
            if (claim.Status is not ("22" or "25" or "4") && !(claim.Paid == 0m && claim.Charge > 0m))
            {
                var expected = claim.Adjustments.Any(a => Workable(a, claim.Remarks, rows)) || claim.Lines.Any(l => LineDenied(claim, l, rows));
                if (claim.Denied != expected) disagreements.Add($"claim {n}: Denied");
            }
        }
        Assert.Empty(disagreements);
    }

    // The shipped rows, read the way the rules read them (group, reason, remark; header skipped).
    private static List<(string? Group, string Reason, string? Remark)> NotDenialRows()
    {
        var assembly = typeof(DenialRules).Assembly;
        var name = assembly.GetManifestResourceNames().Single(n => n.EndsWith(".X12.Data.not-denials.csv", StringComparison.Ordinal));
        using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
        return reader.ReadToEnd().Split('\n').Skip(1).Where(t => t.Trim().Length > 0).Select(t => t.Split(',', 5))
            .Select(f => (f[0].Length == 0 ? null : f[0], f[1], f[2].Length == 0 ? (string?)null : f[2])).ToList();
    }

    private static ClaimPayment RandomClaim(Random r)
    {
        var lines = Enumerable.Range(0, r.Next(0, 4)).Select(i => RandomLine(r, i)).ToArray();
        var charge = lines.Sum(l => l.Charge) + r.Next(0, 2) * 10m;
        return new ClaimPayment("PCN", Statuses[r.Next(Statuses.Length)], charge, r.Next(3) == 0 ? 0m : charge / 2, null, "CI", "ICN", null, "1", null,
            null, null, null, null, null, null, null, new Dictionary<string, string>(), new Dictionary<string, decimal>(),
            Adjustments(r, AdjustmentLevel.Claim), Remarks(r), lines, At);
    }

    private static ServiceLine RandomLine(Random r, int i)
    {
        var charge = 100m * (i + 1);
        var paid = r.Next(3) switch { 0 => 0m, 1 => charge, _ => charge - 25m };
        return new ServiceLine("HC", $"9921{i}", [], charge, paid, null, 1, null, null, [], null, null, null,
            new Dictionary<string, string>(), null, new Dictionary<string, decimal>(), Adjustments(r, AdjustmentLevel.Line), Remarks(r), At);
    }

    private static Adjustment[] Adjustments(Random r, AdjustmentLevel level) =>
        Enumerable.Range(0, r.Next(0, 4)).Select(_ => new Adjustment(level, Groups[r.Next(Groups.Length)], Reasons[r.Next(Reasons.Length)],
            r.Next(4) == 0 ? 0m : r.Next(4) == 0 ? -5m : 25m, null, At)).ToArray();

    private static string[] Remarks(Random r) => Enumerable.Range(0, r.Next(0, 3)).Select(_ => RemarkCodes[r.Next(RemarkCodes.Length)]).ToArray();
}
