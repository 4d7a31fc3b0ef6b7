using System.Text;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

/// <summary>Authored 837 fixtures: the references the denial work needs (G1, 9F, F8), RD8 dates, 4010, bad content.</summary>
public sealed class Claim837ReaderTests
{
    private const string Professional =
        "ISA*00*          *00*          *ZZ*SUBMITTER      *ZZ*RECEIVER       *240115*1200*^*00501*000000001*0*P*:~" +
        "GS*HC*SUBMITTER*RECEIVER*20240115*1200*1*X*005010X222A1~ST*837*0001*005010X222A1~BHT*0019*00*1*20240115*1200*CH~" +
        "HL*1**20*1~PRV*BI*PXC*207Q00000X~NM1*85*2*FAMILY CLINIC*****XX*1234567893~" +
        "HL*2*1*22*1~SBR*P*01*GRP******CI~NM1*IL*1*DOE*JOHN****MI*W123~DMG*D8*19700101*M~NM1*PR*2*ACME*****PI*ACME01~" +
        "HL*3*2*23*0~PAT*19~NM1*QC*1*DOE*JANE~DMG*D8*20100202*F~" +
        "CLM*PCN-1*150***11:B:7*Y*A*Y*Y~REF*G1*AUTH77~REF*9F*REF88~REF*F8*ICN-ORIGINAL~HI*ABK:J449*ABF:E119~" +
        "NM1*82*1*SMITH*ANN****XX*1111111111~PRV*PE*PXC*207Q00000X~" +
        "SBR*S*18*******MC~NM1*IL*1*OTHER*PERSON****MI*ZZZ~NM1*PR*2*OTHER PAYER*****PI*OTH~REF*G1*NOT-OURS~" +
        "LX*1~SV1*HC:99214:25*100*UN*1*11**1~DTP*472*D8*20240105~REF*6R*L1~" +
        "LX*2~SV1*HC:81002*50*UN*2***1~DTP*472*RD8*20240105-20240106~REF*6R*L2~NM1*82*1*LINE*DOC****XX*2222222222~" +
        "SE*35*0001~GE*1*1~IEA*1*000000001~";

    private static Claim837File Read(string text) => Claim837Reader.Read(new MemoryStream(Encoding.UTF8.GetBytes(text)));

    [Fact]
    public void Professional5010_EveryField()
    {
        var f = Read(Professional);
        Assert.True(f.Issues.Count == 0, string.Join("\n", f.Issues));
        var c = Assert.Single(f.Claims);
        Assert.Equal(("PCN-1", 150m, "11", "B", "7", ClaimKind837.Professional, "0001"), (c.ClaimId, c.Charge, c.FacilityCode, c.FacilityCodeQualifier, c.FrequencyCode, c.Kind, c.TransactionControlNumber));
        Assert.Equal(("AUTH77", "REF88", "ICN-ORIGINAL"), (c.PriorAuthorization, c.Referral, c.OriginalReference));
        Assert.Equal(("DOE", "JOHN", "W123", new DateOnly(1970, 1, 1)), (c.Subscriber!.Last, c.Subscriber.First, c.SubscriberMemberId, c.SubscriberBirthDate!.Value));
        Assert.Equal(("JANE", new DateOnly(2010, 2, 2)), (c.Patient!.First, c.PatientBirthDate!.Value));
        Assert.Equal(("ACME", "ACME01"), (c.PayerName, c.PayerId));
        Assert.Equal(("1234567893", "207Q00000X"), (c.BillingProviderNpi, c.BillingProviderTaxonomy));
        Assert.Equal(("1111111111", "207Q00000X", "SMITH"), (c.RenderingProviderNpi, c.RenderingProviderTaxonomy, c.RenderingProvider!.Last));
        Assert.Equal(["J449", "E119"], c.DiagnosisCodes);
        Assert.Equal(2, c.Lines.Count);
        Assert.Equal(("HC", "99214", 100m, 1m, "11", new DateOnly(2024, 1, 5), "L1"),
            (c.Lines[0].ProcedureQualifier, c.Lines[0].Procedure, c.Lines[0].Charge, c.Lines[0].Units!.Value, c.Lines[0].PlaceOfService, c.Lines[0].ServiceDate!.Value, c.Lines[0].LineControlNumber));
        Assert.Equal(["25"], c.Lines[0].Modifiers);
        Assert.Equal((new DateOnly(2024, 1, 5), new DateOnly(2024, 1, 6), "L2", "2222222222"), (c.Lines[1].ServiceDate!.Value, c.Lines[1].ServiceDateEnd!.Value, c.Lines[1].LineControlNumber, c.Lines[1].RenderingProviderNpi));
    }

    [Fact]
    public void DrgInformation_IsTheClaimsDrg_NotADiagnosis()
    {
        // HI*DR (837I loop 2300, "Diagnosis Related Group Information") carries the DRG billed, not a diagnosis code.
        var f = Read(Professional.Replace("HI*ABK:J449*ABF:E119~", "HI*ABK:J449*ABF:E119*DR:470~", StringComparison.Ordinal));
        var c = Assert.Single(f.Claims);
        Assert.Equal(["J449", "E119"], c.DiagnosisCodes);
        Assert.Equal("470", c.Drg);
    }

    [Fact]
    public void Version4010_ProfessionalReadsTheSameFields()
    {
        var text = Professional.Replace("*00501*", "*00401*", StringComparison.Ordinal).Replace("*^*00401", "*U*00401", StringComparison.Ordinal)
            .Replace("005010X222A1", "004010X098A1", StringComparison.Ordinal).Replace("ST*837*0001*004010X098A1~", "ST*837*0001~", StringComparison.Ordinal)
            .Replace("PRV*BI*PXC*", "PRV*BI*ZZ*", StringComparison.Ordinal);
        var f = Read(text);
        var c = Assert.Single(f.Claims);
        Assert.Equal((ClaimKind837.Professional, "004010X098A1", "207Q00000X"), (c.Kind, c.Version, c.BillingProviderTaxonomy));
        Assert.Equal(2, c.Lines.Count);
    }

    [Fact]
    public void BadContent_ErrorsOnTheClaim_NeverThrows()
    {
        var text = Professional.Replace("CLM*PCN-1*150*", "CLM*PCN-1*1S0*", StringComparison.Ordinal).Replace("SE*35*0001~GE*1*1~IEA*1*000000001~", "", StringComparison.Ordinal);
        var f = Read(text);
        var c = Assert.Single(f.Claims);
        var e = Assert.Single(c.Issues, i => i.Code == "X12-NUMBER");
        Assert.Equal(("PCN-1", "0001", X12IssueSeverity.Error), (e.PatientControlNumber, e.TransactionControlNumber, e.Severity));
        Assert.Contains(f.Issues, i => i.Code == "X12-TRUNCATED");
    }

    [Fact]
    public void Mutations_NeverThrow()
    {
        var rng = new Random(837);
        var sources = new List<byte[]> { Encoding.UTF8.GetBytes(Professional) };
        if (SharedCorpus.Root is { } root)
            sources.AddRange(Directory.GetFiles(Path.Combine(root, "x12-837")).Order(StringComparer.Ordinal).Where(f => new FileInfo(f).Length < 20_000).Select(File.ReadAllBytes));
        byte[] alphabet = "*:~^>\r\n 0123456789HLCLMSV1NM1"u8.ToArray();
        for (var i = 0; i < 1500; i++)
        {
            var bytes = Remittance835PropertyTests.Mutate(rng, sources[rng.Next(sources.Count)], alphabet);
            var f = Claim837Reader.Read(new MemoryStream(bytes));
            Assert.DoesNotContain(f.Issues, x => x.Code == "X12-INTERNAL");
        }
    }
}
