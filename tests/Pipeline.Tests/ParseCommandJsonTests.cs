using System.Text.Json;
using DenialPipeline.Codes;
using DenialPipeline.LocalHost;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.Pipeline;

/// <summary>
/// <c>parse FILE --json</c> prints the shape issue #3 documents (every field named there, plus paymentDate, byteOffset,
/// code, transaction and claim); <c>parse FILE</c> prints a summary a coder reads. Checked on an authored file with
/// a denied claim (claim- and line-level CAS, remarks), a paid claim, a reversal, a PLB, a warning and an error.
/// </summary>
public sealed class ParseCommandJsonTests
{
    private const string File835 =
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *260101*1200*^*00501*000000001*0*P*:~\n" +
        "GS*HP*SENDER*RECEIVER*20260101*1200*1*X*005010X221A1~\n" +
        "ST*835*0001~\n" +
        "BPR*I*95*C*CHK************20260105~\n" +
        "TRN*1*CHK123*1512345678~\n" +
        "N1*PR*ACME HEALTH~\n" +
        "REF*2U*PAYER01~\n" +
        "N1*PE*GOOD CLINIC*XX*1234567893~\n" +
        "LX*1~\n" +
        "CLP*PCN-DENIED*4*300*0*0*12*ICN-1~\n" +                  // segment 10
        "CAS*CO*16*100~\n" +
        "MOA***N290~\n" +
        "SVC*HC:99214:25*200*0**1~\n" +
        "CAS*CO*50*200~\n" +
        "LQ*HE*M127~\n" +
        "CLP*PCN-PAID*1*100*100*0*12*ICN-2~\n" +                   // segment 16
        "SVC*HC:99213*100*100~\n" +
        "CLP*PCN-REVERSED*22*-50*-50*0*12*ICN-3~\n" +              // segment 18
        "CLP*PCN-UNBALANCED*1*80*40*0*12*ICN-4~\n" +               // segment 19: 80 − 40 ≠ 30
        "CAS*CO*45*30~\n" +
        "CAS*CO*97*x~\n" +                                       // segment 21: not a number
        "PLB*1234567893*20261231*L6:INT1*-5~\n" +
        "SE*21*0001~\n" +
        "GE*1*1~\n" +
        "IEA*1*000000001~\n";

    private static RemittanceFile Read() => Remittance835Reader.Parse(File835);

    private static HashSet<string> Keys(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

    private static void AssertKeys(JsonElement e, params string[] expected) =>
        Assert.Equal(expected.Order(StringComparer.Ordinal), Keys(e).Order(StringComparer.Ordinal));

    [Fact]
    public void Json_HasTheDocumentedFieldsAtEveryLevel_AndTheirValues()
    {
        using var doc = JsonDocument.Parse(ParseJson.Serialize(Read()));
        var root = doc.RootElement;
        AssertKeys(root, "transactions", "warnings", "errors");

        var tx = Assert.Single(root.GetProperty("transactions").EnumerateArray());
        AssertKeys(tx, "controlNumber", "payer", "payee", "paymentAmount", "traceNumber", "paymentDate", "claims", "providerAdjustments");
        Assert.Equal("0001", tx.GetProperty("controlNumber").GetString());
        AssertKeys(tx.GetProperty("payer"), "id", "name");
        Assert.Equal("PAYER01", tx.GetProperty("payer").GetProperty("id").GetString());
        Assert.Equal("ACME HEALTH", tx.GetProperty("payer").GetProperty("name").GetString());
        AssertKeys(tx.GetProperty("payee"), "id", "name");
        Assert.Equal("1234567893", tx.GetProperty("payee").GetProperty("id").GetString());
        Assert.Equal(95m, tx.GetProperty("paymentAmount").GetDecimal());
        Assert.Equal("CHK123", tx.GetProperty("traceNumber").GetString());
        Assert.Equal("2026-01-05", tx.GetProperty("paymentDate").GetString());

        var claims = tx.GetProperty("claims").EnumerateArray().ToList();
        Assert.Equal(["PCN-DENIED", "PCN-PAID", "PCN-REVERSED", "PCN-UNBALANCED"], claims.Select(c => c.GetProperty("patientControlNumber").GetString()));
        foreach (var c in claims)
            AssertKeys(c, "patientControlNumber", "status", "charge", "paid", "patientResponsibility", "payerClaimControlNumber",
                "denied", "reversal", "adjustments", "remarks", "lines");

        var denied = claims[0];
        Assert.Equal("4", denied.GetProperty("status").GetString());
        Assert.Equal(300m, denied.GetProperty("charge").GetDecimal());
        Assert.Equal(0m, denied.GetProperty("paid").GetDecimal());
        Assert.Equal(0m, denied.GetProperty("patientResponsibility").GetDecimal());
        Assert.Equal("ICN-1", denied.GetProperty("payerClaimControlNumber").GetString());
        Assert.True(denied.GetProperty("denied").GetBoolean());
        Assert.False(denied.GetProperty("reversal").GetBoolean());
        var claimCas = Assert.Single(denied.GetProperty("adjustments").EnumerateArray());
        AssertKeys(claimCas, "level", "group", "reason", "amount", "quantity");
        Assert.Equal(("claim", "CO", "16", 100m), (claimCas.GetProperty("level").GetString(), claimCas.GetProperty("group").GetString(),
            claimCas.GetProperty("reason").GetString(), claimCas.GetProperty("amount").GetDecimal()));
        Assert.Equal(["N290"], denied.GetProperty("remarks").EnumerateArray().Select(r => r.GetString()));
        var line = Assert.Single(denied.GetProperty("lines").EnumerateArray());
        AssertKeys(line, "procedure", "modifiers", "charge", "paid", "units", "denied", "adjustments", "remarks");
        Assert.Equal("99214", line.GetProperty("procedure").GetString());
        Assert.Equal(["25"], line.GetProperty("modifiers").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(200m, line.GetProperty("charge").GetDecimal());
        Assert.Equal(1m, line.GetProperty("units").GetDecimal());
        Assert.True(line.GetProperty("denied").GetBoolean());
        var lineCas = Assert.Single(line.GetProperty("adjustments").EnumerateArray());
        Assert.Equal(("line", "50", 200m), (lineCas.GetProperty("level").GetString(), lineCas.GetProperty("reason").GetString(), lineCas.GetProperty("amount").GetDecimal()));
        Assert.Equal(["M127"], line.GetProperty("remarks").EnumerateArray().Select(r => r.GetString()));

        Assert.False(claims[1].GetProperty("denied").GetBoolean());
        Assert.False(Assert.Single(claims[1].GetProperty("lines").EnumerateArray()).GetProperty("denied").GetBoolean());
        Assert.True(claims[2].GetProperty("reversal").GetBoolean());
        Assert.False(claims[2].GetProperty("denied").GetBoolean());

        var plb = Assert.Single(tx.GetProperty("providerAdjustments").EnumerateArray());
        Assert.Equal(("L6", -5m), (plb.GetProperty("reasonCode").GetString(), plb.GetProperty("amount").GetDecimal()));

        // Each warning and error says where (segment number, byte offset) and in which transaction and claim.
        var warning = Assert.Single(root.GetProperty("warnings").EnumerateArray(), w => w.GetProperty("code").GetString() == "X12-CLAIM-BALANCE");
        AssertKeys(warning, "segmentIndex", "byteOffset", "code", "message", "transaction", "claim");
        Assert.Equal(19, warning.GetProperty("segmentIndex").GetInt64());
        Assert.Equal(File835.IndexOf("CLP*PCN-UNBALANCED", StringComparison.Ordinal), warning.GetProperty("byteOffset").GetInt64());
        Assert.Equal("0001", warning.GetProperty("transaction").GetString());
        Assert.Equal("PCN-UNBALANCED", warning.GetProperty("claim").GetString());
        var error = Assert.Single(root.GetProperty("errors").EnumerateArray());
        Assert.Equal(("X12-NUMBER", 21L, "0001", "PCN-UNBALANCED"), (error.GetProperty("code").GetString(), error.GetProperty("segmentIndex").GetInt64(),
            error.GetProperty("transaction").GetString(), error.GetProperty("claim").GetString()));
        Assert.Contains("CAS", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Summary_SaysWhatACoderNeeds_InPlainEnglish()
    {
        var text = ParseCommand.Summary(Read(), CodeBook.LoadDefault());
        Assert.Contains("from ACME HEALTH (payer id PAYER01)", text, StringComparison.Ordinal);
        Assert.Contains("Check/EFT CHK123", text, StringComparison.Ordinal);
        Assert.Contains("4 claims, 1 need work", text, StringComparison.Ordinal); // the unbalanced claim's CO-97 amount is unreadable: not counted
        Assert.Contains("Claim PCN-DENIED (payer # ICN-1)", text, StringComparison.Ordinal);
        Assert.Contains("DENIED", text, StringComparison.Ordinal);
        Assert.Contains("REVERSAL of an earlier payment", text, StringComparison.Ordinal);
        // Reasons from the code book, not bare codes.
        Assert.Contains("CO-50 ", text, StringComparison.Ordinal);
        Assert.Contains(CodeBook.LoadDefault().Carc("50").Description, text, StringComparison.Ordinal);
        Assert.Contains("(service line)", text, StringComparison.Ordinal);
        Assert.Contains("remark N290: " + CodeBook.LoadDefault().Rarc("N290").Text, text, StringComparison.Ordinal);
        Assert.DoesNotContain("not in our code book", text, StringComparison.Ordinal);
        Assert.Contains("Provider adjustments: L6", text, StringComparison.Ordinal);
        Assert.Contains("Warning at segment 19", text, StringComparison.Ordinal);
        Assert.Contains("transaction 0001, claim PCN-UNBALANCED", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("42")]
    [InlineData("104")]
    [InlineData("A7")]
    public void CodeBook_KnowsTheReasonCodesFoundInThePublicCorpus(string carc) => Assert.True(CodeBook.LoadDefault().Carc(carc).Known);
}
