using System.Globalization;
using System.Text.RegularExpressions;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

/// <summary>Every 837 in ../shared/corpus: CLM counts and SE01 mismatches from MANIFEST.tsv, values read by hand. Skips without the corpus.</summary>
public sealed class Claim837CorpusTests
{
    /// <summary>Every x12-837 file MANIFEST.tsv lists (a file added with its manifest row is read too).</summary>
    public static TheoryData<string> Files837 => SharedCorpus.ManifestData("x12-837");

    private static string PathOf(string name) => SharedCorpus.PathOf("x12-837", name);

    private static Claim837File Read(string name)
    {
        using var s = File.OpenRead(PathOf(name));
        return Claim837Reader.Read(s);
    }

    private static string ManifestRow(string name) => SharedCorpus.Manifest("x12-837").Single(r => r.Name == name).Exercises;

    private static int Number(string row, string pattern)
    {
        var m = Regex.Match(row, pattern);
        return m.Success ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }

    [CorpusTheory]
    [MemberData(nameof(Files837))]
    public async Task Corpus837_ClaimCountsAndSe01_MatchManifest(string name)
    {
        var row = ManifestRow(name);
        var path = PathOf(name);
        var file = Read(name);
        Assert.Equal(Number(row, @"CLM=(\d+)"), file.Claims.Count);
        Assert.Equal(Number(row, @"SE01-mismatch=(\d+)"), file.Issues.Count(i => i.Code == "X12-SE01"));
        Assert.DoesNotContain(file.Issues, i => i.Code == "X12-INTERNAL");
        Assert.DoesNotContain(file.Issues, i => i.Severity == X12IssueSeverity.Error);
        var version = Regex.Match(row, @"ver=(\S*);").Groups[1].Value;
        // Version is ST03 when present, else GS08 (the manifest's); the oopfactory 837I samples say X222 in GS08 and X223 in ST03.
        Assert.All(file.Claims, c => Assert.StartsWith(version[..Math.Min(6, version.Length)], c.Version, StringComparison.Ordinal));
        Assert.All(file.Claims, c =>
        {
            Assert.NotEmpty(c.ClaimId);
            Assert.NotEmpty(c.Lines);
            Assert.NotNull(c.Subscriber);
            Assert.NotNull(c.PayerName);
            Assert.NotNull(c.BillingProviderNpi);
            Assert.NotEqual(ClaimKind837.Unknown, c.Kind);
        });
        // The async stream yields the same claims.
        await using var s = File.OpenRead(path);
        var ids = new List<string>();
        await foreach (var c in Claim837Reader.ReadAsync(s)) ids.Add(c.ClaimId);
        Assert.Equal(file.Claims.Select(c => c.ClaimId), ids);
    }

    [CorpusFact]
    public void Institutional5010_AllFields()
    {
        var f = Read("linuxforhealth-institutional-claim.837i");
        var c = Assert.Single(f.Claims);
        Assert.Empty(f.Issues);
        Assert.Equal(("756048Q", 89.93m, "14", "A", "1", ClaimKind837.Institutional), (c.ClaimId, c.Charge, c.FacilityCode, c.FacilityCodeQualifier, c.FrequencyCode, c.Kind));
        Assert.Equal(("DOE", "JON", "030005074A", new DateOnly(1926, 11, 11)), (c.Subscriber!.Last, c.Subscriber.First, c.SubscriberMemberId, c.SubscriberBirthDate!.Value));
        Assert.Equal(c.Subscriber, c.Patient); // no HL*23: the subscriber is the patient
        Assert.Equal(("MEDICARE B", "00435"), (c.PayerName, c.PayerId)); // not the other payer (STATE TEACHERS) of loop 2330B
        Assert.Equal(("JONES HOSPITAL", "9876540809", "203BA0200N"), (c.BillingProvider!.Last, c.BillingProviderNpi, c.BillingProviderTaxonomy));
        Assert.Equal(["3669", "4019", "79431"], c.DiagnosisCodes);
        Assert.Contains(new HealthCareCode("BE", "A2"), c.HealthCareCodes);
        Assert.Equal(new DateOnly(1996, 9, 11), c.StatementStart);
        Assert.Equal(2, c.Lines.Count);
        var l = c.Lines[1];
        Assert.Equal((2, "0730", "HC", "93005", 76.54m, "UN", 3m, new DateOnly(1996, 9, 11)), (l.LineNumber!.Value, l.RevenueCode, l.ProcedureQualifier, l.Procedure, l.Charge, l.UnitQualifier, l.Units!.Value, l.ServiceDate!.Value));
    }

    [CorpusFact]
    public void Professional5010_RenderingProviderAndPatientLoop()
    {
        var f = Read("linuxforhealth-demo.cob.example3.A.837");
        var c = Assert.Single(f.Claims);
        Assert.Equal(ClaimKind837.Professional, c.Kind);
        Assert.Equal(("1999996666", "204C00000X"), (c.RenderingProviderNpi, c.RenderingProviderTaxonomy));
        Assert.Equal(new DateOnly(1973, 5, 1), c.PatientBirthDate);
        Assert.Equal(new DateOnly(1943, 5, 1), c.SubscriberBirthDate);
        Assert.Equal(["4779", "2724", "2780", "53081"], c.DiagnosisCodes);
        Assert.Equal([43m, 15m, 21.04m], c.Lines.Select(l => l.Charge));
        Assert.Equal(c.Charge, c.Lines.Sum(l => l.Charge));
    }

    [CorpusFact]
    public void Ambulance_LineControlNumbersAndModifiers()
    {
        var f = Read("linuxforhealth-demo.ambulance.example5.837");
        var c = Assert.Single(f.Claims);
        Assert.Equal(["1001", "1002", "1003", "1004"], c.Lines.Select(l => l.LineControlNumber));
        Assert.All(c.Lines, l => Assert.Equal(["RH"], l.Modifiers));
        Assert.Equal(21m, c.Lines[1].Units);
    }

    [CorpusFact]
    public void Medicaid_ReferralNumber()
    {
        var f = Read("oopfactory-MedicaidExample.txt");
        Assert.Equal(5, f.Claims.Count);
        Assert.All(f.Claims, c => Assert.Equal("99999999", c.Referral));
    }

    [CorpusFact]
    public void ComponentSeparatorContradictingIsa16_IsAdoptedWithWarning()
    {
        var f = Read("linuxforhealth-ppo-repriced-claim.837i");
        var c = Assert.Single(f.Claims);
        Assert.Equal(("13", "A", "1"), (c.FacilityCode, c.FacilityCodeQualifier, c.FrequencyCode));
        Assert.Equal(["92557", "92567"], c.Lines.Select(l => l.Procedure));
        Assert.Contains(f.Issues, i => i.Code == "X12-COMPONENT" && i.Severity == X12IssueSeverity.Warning);
        Assert.Equal((new DateOnly(2005, 7, 6), new DateOnly(2005, 7, 6)), (c.StatementStart!.Value, c.StatementEnd!.Value));
    }

    [CorpusFact]
    public void Professional4010_ManyClaims()
    {
        var f = Read("oopfactory-837_DeIdent_05.dat");
        Assert.Equal(186, f.Claims.Count);
        Assert.All(f.Claims, c => Assert.Equal("999999X999X9", c.Version));
        Assert.Equal("20410", f.Claims[0].DiagnosisCodes.Single());
        Assert.Equal(("9999999999", "999XX9999X"), (f.Claims[0].RenderingProviderNpi, f.Claims[0].RenderingProviderTaxonomy));
        Assert.Equal("999X999999999999999999", f.Claims[0].Lines[0].LineControlNumber);
    }

    [CorpusFact]
    public void ImswebSplitHi_IsReadWithWarnings()
    {
        var f = Read("imsweb-x12_valid.txt");
        Assert.Equal(["8901", "87200", "5559"], f.Claims[0].DiagnosisCodes);
        Assert.Contains(f.Claims[0].Issues, i => i.Code == "X12-HI");
    }
}
