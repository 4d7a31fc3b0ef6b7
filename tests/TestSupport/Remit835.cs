using System.Globalization;
using System.Text;

namespace DenialPipeline.Testing;

/// <summary>One claim (CLP loop) for <see cref="Remit835"/>: claim-level adjustments as (group, reason, amount).</summary>
public sealed record Clp(
    string Pcn, string Status, decimal Charge, decimal Paid, string? Icn, string ProviderNpi,
    IReadOnlyList<(string Group, string Reason, decimal Amount)> Adjustments, string Frequency = "1", string? OriginalIcn = null)
{
    public static Clp DeniedClaim(string pcn, string icn, decimal charge, string npi, string reason = "50", string group = "CO") =>
        new(pcn, "4", charge, 0m, icn, npi, [(group, reason, charge)]);

    public static Clp PaidClaim(string pcn, string icn, decimal charge, decimal paid, string npi) =>
        new(pcn, "1", charge, paid, icn, npi, paid < charge ? [("CO", "45", charge - paid)] : []);
}

/// <summary>Small, valid 835 files for tests (one ST per file), in the layout of samples/*.835.</summary>
public static class Remit835
{
    public static string Build(string payerId, string payerName, DateOnly paymentDate, string trace, params Clp[] claims)
    {
        var d = paymentDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
        var total = claims.Sum(c => c.Paid);
        var s = new List<string>
        {
            "ST*835*0001*005010X221A1",
            $"BPR*I*{A(total)}*C*ACH*CCP*01*011000015*DA*123456789*1512345678**01*021000021*DA*987654321*{d}",
            $"TRN*1*{trace}*1512345678",
            $"DTM*405*{d}",
            $"N1*PR*{payerName}*XV*{payerId}",
            $"REF*2U*{payerId}",
            "N1*PE*RIVERSIDE FAMILY CLINIC*XX*1234567893",
            "LX*1",
        };
        foreach (var c in claims)
        {
            s.Add($"CLP*{c.Pcn}*{c.Status}*{A(c.Charge)}*{A(c.Paid)}*0*CI*{c.Icn}*11*{c.Frequency}");
            foreach (var (g, r, a) in c.Adjustments) s.Add($"CAS*{g}*{r}*{A(a)}");
            s.Add("NM1*QC*1*DOE*JANE****MI*MEMBER0001");
            s.Add($"NM1*82*1*CHEN*LISA****XX*{c.ProviderNpi}");
            if (c.OriginalIcn is not null) s.Add($"REF*F8*{c.OriginalIcn}");
            s.Add("DTM*232*20251201");
            s.Add("DTM*233*20251201");
        }
        s.Add($"SE*{s.Count + 1}*0001");
        var sb = new StringBuilder();
        sb.Append("ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*CLINIC01       *261105*0930*^*00501*000000202*0*P*:~\n");
        sb.Append("GS*HP*ACMEHEALTH*CLINIC01*20261105*0930*202*X*005010X221A1~\n");
        foreach (var seg in s) sb.Append(seg).Append("~\n");
        sb.Append("GE*1*202~\nIEA*1*000000202~\n");
        return sb.ToString();
    }

    private static string A(decimal v) => v.ToString("0.##", CultureInfo.InvariantCulture);
}
