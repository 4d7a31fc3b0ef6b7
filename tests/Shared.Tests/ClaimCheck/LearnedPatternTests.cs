using DenialPipeline.ClaimCheck;
using DenialPipeline.ClaimCheck.Learned;
using DenialPipeline.ClaimCheck.Rules;
using static DenialPipeline.Tests.ClaimCheck.Claims;

namespace DenialPipeline.Tests.ClaimCheck;

/// <summary>Learned denial patterns on generated history: rates, minimum support, the window, the dimensions.</summary>
public sealed class LearnedPatternTests
{
    private static readonly LearningOptions Options = new() { WindowMonths = 12, MinSupport = 5, MinDenialRate = 0.5 };

    /// <summary>n claims of 97140 to ACME on the given dates; the first `denied` denied CO-4.</summary>
    private static IEnumerable<AdjudicatedLine> History(int n, int denied, DateOnly from, string[]? modifiers = null, string? dx = "M542", string proc = "97140") =>
        Enumerable.Range(0, n).Select(i => new AdjudicatedLine($"H{proc}{from:yyyyMMdd}{i}", "87726", "ACME HEALTH PLAN", proc, modifiers ?? [], dx,
            from.AddDays(i), i < denied, i < denied ? ["CO-4"] : []));

    [Fact]
    public void FourOfFiveDenied_WithoutModifier_Flagged_WithTheEvidenceACoderReads()
    {
        var patterns = LearnedPatterns.Build(History(5, 4, new(2026, 6, 3)), Today, Options);
        var f = Assert.Single(new LearnedPatternRule().Check(Claim(Acme, Line("97140")), Context(Acme, c => c with { Learned = patterns })));
        Assert.StartsWith("ACME HEALTH PLAN denied 4 of 5 claims for 97140 without modifiers since 2026-06-03 (CO-4 ×4)", f.Evidence, StringComparison.Ordinal);
        Assert.Equal(0.8, f.Probability, 3);
        Assert.Equal(["4"], f.Carcs);
        // The same procedure with GP is another pattern (no history for it), and the procedure-level pattern is too (4 of 5).
        Assert.Single(new LearnedPatternRule().Check(Claim(Acme, Line("97140", "GP")), Context(Acme, c => c with { Learned = patterns })));
    }

    [Fact]
    public void BelowMinimumSupport_NotFlagged()
    {
        var patterns = LearnedPatterns.Build(History(4, 4, new(2026, 6, 3)), Today, Options);
        Assert.Empty(patterns.Flagged);
        Assert.Empty(new LearnedPatternRule().Check(Claim(Acme, Line("97140")), Context(Acme, c => c with { Learned = patterns })));
    }

    [Fact]
    public void BelowTheDenialRate_NotFlagged()
    {
        var patterns = LearnedPatterns.Build(History(10, 4, new(2026, 6, 3)), Today, Options);
        Assert.Empty(patterns.Flagged);
        Assert.Equal((10, 4), patterns.Baseline("87726"));
    }

    [Fact]
    public void OutsideTheWindow_NotCounted()
    {
        var old = History(6, 6, new(2025, 6, 1)); // more than 12 months before 2026-10-15
        var patterns = LearnedPatterns.Build(old, Today, Options);
        Assert.Empty(patterns.Flagged);
        Assert.Equal(0, patterns.LinesSeen);
        var wider = LearnedPatterns.Build(old, Today, new LearningOptions { WindowMonths = 18, MinSupport = 5, MinDenialRate = 0.5 });
        Assert.NotEmpty(wider.Flagged);
    }

    [Fact]
    public void DiagnosisDimension_FlagsOnlyThatDiagnosis()
    {
        var history = History(5, 5, new(2026, 5, 1), dx: "R519", proc: "99215").Concat(History(20, 0, new(2026, 5, 1), dx: "I10", proc: "99215"));
        var patterns = LearnedPatterns.Build(history, Today, Options);
        var flagged = Assert.Single(patterns.Flagged);
        Assert.Equal((PatternDimension.Diagnosis, "R519", 5, 5), (flagged.Dimension, flagged.Value, flagged.Claims, flagged.Denied));
        var rule = new LearnedPatternRule();
        Assert.Single(rule.Check(Claim(Acme, Line("99215")).With(c => c with { DiagnosisCodes = ["R519"] }), Context(Acme, c => c with { Learned = patterns })));
        Assert.Empty(rule.Check(Claim(Acme, Line("99215")).With(c => c with { DiagnosisCodes = ["I10"] }), Context(Acme, c => c with { Learned = patterns })));
    }

    [Fact]
    public void PayerBaseline_IsARiskPart_Explained()
    {
        var patterns = LearnedPatterns.Build(History(10, 2, new(2026, 6, 3)), Today, Options);
        var checker = new ClaimChecker(ClaimCheckServiceCollectionExtensions.CreateRules(), Book);
        var r = checker.Check(Claim(Acme), Context(Acme, c => c with { Learned = patterns }));
        var part = Assert.Single(r.RiskParts);
        Assert.Equal(("payer history", 0.2), (part.Name, part.Probability));
        Assert.Contains("denied 2 of 10 of our claims in the last 12 months", part.Explanation, StringComparison.Ordinal);
        Assert.Equal("ready", r.Status);
    }
}
