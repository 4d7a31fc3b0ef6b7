using DenialPipeline.ClaimCheck;
using DenialPipeline.ClaimCheck.Learned;
using DenialPipeline.ClaimCheck.Ncci;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.ClaimCheck;

/// <summary>Claims and contexts for the rule scenarios: one clean professional claim, changed per scenario.</summary>
internal static class Claims
{
    public static readonly DateOnly Today = new(2026, 10, 15);
    public static readonly DateOnly Dos = new(2026, 10, 1);
    public const string Member = "M100";

    public static readonly PayerProfile Medicare = new() { PayerId = "15202", Name = "MEDICARE PART B", PayerKind = PayerKind.Medicare };
    public static readonly PayerProfile Acme = new() { PayerId = "87726", Name = "ACME HEALTH PLAN", PayerKind = PayerKind.Commercial, TimelyFilingDays = 90 };
    public static readonly PayerProfile MaPlan = new() { PayerId = "MA001", Name = "SUNRISE MEDICARE ADVANTAGE", PayerKind = PayerKind.MedicareAdvantage };

    public static SubmittedLine Line(string procedure, params string[] modifiers) =>
        new() { Number = 1, Procedure = procedure, Modifiers = modifiers, Units = 1, Charge = 100, ServiceDate = Dos, PlaceOfService = "11" };

    public static ClaimUnderCheck Claim(PayerProfile payer, params SubmittedLine[] lines)
    {
        lines = lines.Length == 0 ? [Line("99213")] : lines.Select((l, i) => l with { Number = i + 1 }).ToArray();
        var claim = new SubmittedClaim
        {
            ClaimId = "CLM-1",
            Patient = new PersonIdentity { MemberId = Member },
            Subscriber = new PersonIdentity { MemberId = Member },
            PayerId = payer.PayerId,
            PayerName = payer.Name,
            BillingNpi = "1234567893",
            RenderingNpi = "1922334457",
            PlaceOfService = "11",
            DiagnosisCodes = ["M542"],
            Lines = lines,
            ServiceDateStart = lines.Min(l => l.ServiceDate),
        };
        return new ClaimUnderCheck(claim, ClaimKind837.Professional, "test.837, segment 1")
        {
            DiagnosisPointers = lines.Select(_ => (IReadOnlyList<int>?)[1]).ToList(),
            BillingEntityType = "2",
            PayerResponsibility = "P",
        };
    }

    public static ClaimUnderCheck With(this ClaimUnderCheck c, Func<SubmittedClaim, SubmittedClaim> change) => c with { Claim = change(c.Claim) };

    public static readonly PayerRuleBook Book = PayerRuleBook.LoadDefault();

    public static ClaimCheckContext Context(PayerProfile payer, Func<ClaimCheckContext, ClaimCheckContext>? change = null)
    {
        var ctx = new ClaimCheckContext
        {
            Today = Today,
            Payer = payer,
            PayerKind = payer.PayerKind,
            PayerProfiles = new[] { Medicare, Acme, MaPlan }.ToDictionary(p => p.PayerId),
            Rules = Book.For(payer.PayerId, payer.PayerKind),
            NcciBypassModifiers = Book.NcciBypassModifiers,
            Ncci = NcciEdits.LoadDefault(),
            Learned = LearnedPatterns.None,
        };
        return change is null ? ctx : change(ctx);
    }

    public static List<Finding> Run(IClaimRule rule, ClaimUnderCheck claim, ClaimCheckContext context) => rule.Check(claim, context).ToList();
}
