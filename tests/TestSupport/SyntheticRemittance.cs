using System.Globalization;
using System.Text;
using DenialPipeline.Research.Records;

namespace DenialPipeline.Testing;

/// <summary>One claim of a synthetic 835: what the payer says, and the claim as submitted (the record research matches).</summary>
public sealed record SyntheticClaim(string PatientControlNumber, string PayerClaimNumber, string LastName, string FirstName, string MemberId,
    DateOnly BirthDate, DateOnly ServiceDate, bool Denied);

/// <summary>
/// Builds 835 files of any size whose denied claims (CO-50, medical necessity) all have a submitted claim on file, so every
/// denial goes New → Researched → Drafted with one appeal letter. Used by the fault, concurrency and load tests and by bench/LoadBench.
/// </summary>
public sealed class SyntheticRemittance
{
    public const string PayerId = "87726";
    public const string RenderingNpi = "1922334457";

    public required string Text { get; init; }
    public required IReadOnlyList<SyntheticClaim> Claims { get; init; }
    public IEnumerable<SyntheticClaim> Denied => Claims.Where(c => c.Denied);

    /// <summary><paramref name="count"/> claims; claim i is denied when i % 10 &lt; deniedPerTen.</summary>
    public static SyntheticRemittance Build(int count, int deniedPerTen = 10, string prefix = "SYN", string payerName = "ACME HEALTH PLAN",
        Func<int, string>? pcn = null, Func<int, string>? lastName = null, string trace = "770000001")
    {
        var claims = new List<SyntheticClaim>(count);
        var sb = new StringBuilder(count * 400);
        var segments = 0;
        void Seg(string s) { sb.Append(s).Append("~\n"); segments++; }
        sb.Append("ISA*00*          *00*          *ZZ*ACMEHEALTH     *ZZ*CLINIC01       *261105*0930*^*00501*000000901*0*P*:~\n");
        sb.Append("GS*HP*ACMEHEALTH*CLINIC01*20261105*0930*901*X*005010X221A1~\n");
        segments = 0;
        Seg("ST*835*0001*005010X221A1");
        var paidTotal = 0m;
        var body = new StringBuilder();
        for (var i = 0; i < count; i++)
        {
            var denied = i % 10 < deniedPerTen;
            var c = new SyntheticClaim(
                pcn?.Invoke(i) ?? $"{prefix}{i:D6}", $"ICN{prefix}{i:D7}", lastName?.Invoke(i) ?? $"ZQLAST{prefix}{i:D5}", $"ZQFIRST{i:D5}",
                $"ZQM{prefix}{i:D7}", new DateOnly(1950, 1, 1).AddDays(i % 20000), new DateOnly(2026, 10, 1).AddDays(i % 20), denied);
            claims.Add(c);
        }
        Seg("BPR*I*0*C*ACH*CCP*01*011000015*DA*123456789*1512345678**01*021000021*DA*987654321*20261105");
        Seg($"TRN*1*{trace}*1512345678");
        Seg("DTM*405*20261104");
        Seg($"N1*PR*{payerName}*XV*{PayerId}");
        Seg("N3*PO BOX 1000");
        Seg("N4*COLUMBUS*OH*43215");
        Seg($"REF*2U*{PayerId}");
        Seg("N1*PE*RIVERSIDE FAMILY CLINIC*XX*1234567893");
        Seg("REF*TJ*311234567");
        Seg("LX*1");
        foreach (var c in claims)
        {
            var d = c.ServiceDate.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
            if (c.Denied)
            {
                Seg($"CLP*{c.PatientControlNumber}*4*250*0*0*CI*{c.PayerClaimNumber}*11*1");
                Seg($"NM1*QC*1*{c.LastName}*{c.FirstName}****MI*{c.MemberId}");
                Seg($"NM1*82*1*CHEN*LISA****XX*{RenderingNpi}");
                Seg($"DTM*232*{d}");
                Seg("DTM*050*20261020");
                Seg("SVC*HC:99214*250*0**1");
                Seg($"DTM*472*{d}");
                Seg("CAS*CO*50*250");
            }
            else
            {
                Seg($"CLP*{c.PatientControlNumber}*1*180*120*0*CI*{c.PayerClaimNumber}*11*1");
                Seg($"NM1*QC*1*{c.LastName}*{c.FirstName}****MI*{c.MemberId}");
                Seg($"DTM*232*{d}");
                Seg("SVC*HC:99213*180*120**1");
                Seg($"DTM*472*{d}");
                Seg("CAS*CO*45*60");
                paidTotal += 120m;
            }
        }
        segments++; // SE itself
        sb.Append("SE*").Append(segments.ToString(CultureInfo.InvariantCulture)).Append("*0001~\n");
        sb.Append("GE*1*901~\nIEA*1*000000901~\n");
        var text = sb.ToString().Replace("BPR*I*0*", $"BPR*I*{paidTotal.ToString(CultureInfo.InvariantCulture)}*", StringComparison.Ordinal);
        return new SyntheticRemittance { Text = text, Claims = claims };
    }

    /// <summary>The claims as submitted (837 CLM), for the records table: research matches each denial to one.</summary>
    public IEnumerable<SubmittedClaim> SubmittedClaims() => Claims.Select(c => new SubmittedClaim
    {
        ClaimId = c.PatientControlNumber,
        Patient = new PersonIdentity { LastName = c.LastName, FirstName = c.FirstName, MemberId = c.MemberId, BirthDate = c.BirthDate },
        PayerId = PayerId,
        PayerName = "ACME HEALTH PLAN",
        BillingNpi = "1234567893",
        RenderingNpi = RenderingNpi,
        DiagnosisCodes = ["M54.5"],
        Lines = [new SubmittedLine { Number = 1, Procedure = "99214", Charge = 250m, ServiceDate = c.ServiceDate }],
        PayerClaimNumber = c.PayerClaimNumber,
        SubmissionDate = c.ServiceDate.AddDays(3),
        ServiceDateStart = c.ServiceDate,
    });

    /// <summary>Stores the submitted claims (100 per transaction).</summary>
    public Task StoreRecordsAsync(RecordStore records, CancellationToken cancellationToken = default) =>
        records.UpsertAsync(SubmittedClaims().Select(RecordStore.ToEntity), cancellationToken);
}
