using System.Diagnostics;
using System.Globalization;
using System.Text;
using DenialPipeline.ClaimCheck;
using DenialPipeline.Research.Records;

/// <summary>
/// Claim check benchmark: generates an 837P batch of N claims (two payers, NCCI pairs, therapy lines, duplicates) and
/// checks it as the handler does (streamed read, chunks of 500, records in memory: the storage reads are the host's
/// cost, measured by LoadBench), printing elapsed time, claims/s and the managed heap after each chunk (flat memory).
/// </summary>
internal static class ClaimCheckBench
{
    public static async Task<int> RunAsync(int claims)
    {
        var file = Generate(claims);
        var payers = new[]
        {
            new PayerProfile { PayerId = "15202", Name = "MEDICARE PART B", PayerKind = PayerKind.Medicare },
            new PayerProfile { PayerId = "87726", Name = "ACME HEALTH PLAN", TimelyFilingDays = 90 },
        };
        var records = new CheckRecords { Payers = payers.ToDictionary(p => p.PayerId) };
        var checker = new ClaimChecker(ClaimCheckServiceCollectionExtensions.CreateRules(), PayerRuleBook.LoadDefault());
        GC.Collect();
        var heapStart = GC.GetTotalMemory(true);
        var sw = Stopwatch.StartNew();
        var batch = new BatchIndex();
        var (count, fixFirst, maxHeap) = (0, 0, 0L);
        var chunk = new List<ClaimUnderCheck>(ClaimCheckHandler.ChunkSize);
        await foreach (var item in ClaimCheckInput.ReadX12Async("bench.837", new MemoryStream(file)))
        {
            if (item.Claim is null) continue;
            chunk.Add(item.Claim);
            if (chunk.Count < ClaimCheckHandler.ChunkSize) continue;
            Flush();
        }
        Flush();
        sw.Stop();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{{\"claims\":{count},\"fileMB\":{file.Length / 1048576.0:0.0},\"seconds\":{sw.Elapsed.TotalSeconds:0.00},\"claimsPerSecond\":{count / sw.Elapsed.TotalSeconds:0},\"fixFirst\":{fixFirst},\"heapStartMB\":{heapStart / 1048576.0:0.0},\"heapMaxMB\":{maxHeap / 1048576.0:0.0},\"peakWorkingSetMB\":{Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0}}}"));
        return 0;

        void Flush()
        {
            foreach (var c in chunk)
            {
                var r = checker.CheckInBatch(c, records, new DateOnly(2026, 10, 15), batch);
                count++;
                if (r.Outcome == ClaimCheckStatus.FixFirst) fixFirst++;
            }
            chunk.Clear();
            maxHeap = Math.Max(maxHeap, GC.GetTotalMemory(false));
        }
    }

    /// <summary>An 837P with one subscriber loop per claim: 1-3 lines from a mix of E/M, injection, therapy and imaging codes.</summary>
    public static byte[] Generate(int claims)
    {
        var rnd = new Random(837);
        string[] procs = ["99213", "99214", "20610", "97110:GP", "97140", "71046", "93000", "70553"];
        var sb = new StringBuilder("ISA*00*          *00*          *ZZ*CLINIC01       *ZZ*CLEARINGHOUSE  *261015*1200*^*00501*000000001*0*P*:~\n" +
            "GS*HC*CLINIC01*CLEARINGHOUSE*20261015*1200*1*X*005010X222A1~\nST*837*0001*005010X222A1~\nBHT*0019*00*1*20261015*1200*CH~\n" +
            "HL*1**20*1~\nNM1*85*2*RIVERSIDE FAMILY CLINIC*****XX*1234567893~\n");
        var segments = 4;
        for (var i = 0; i < claims; i++)
        {
            var medicare = rnd.Next(2) == 0;
            var member = $"M{rnd.Next(claims / 2):D7}";
            var day = 1 + rnd.Next(28);
            var lines = 1 + rnd.Next(3);
            sb.Append(CultureInfo.InvariantCulture, $"HL*{i + 2}*1*22*0~\nSBR*P*18*******{(medicare ? "MB" : "CI")}~\nNM1*IL*1*DOE*J****MI*{member}~\n");
            sb.Append(medicare ? "NM1*PR*2*MEDICARE PART B*****PI*15202~\n" : "NM1*PR*2*ACME HEALTH PLAN*****PI*87726~\n");
            sb.Append(CultureInfo.InvariantCulture, $"CLM*B{i:D6}*{lines * 100}***11:B:1*Y*A*Y*Y~\nHI*ABK:M542*ABF:I10~\nNM1*82*1*CHEN*LISA****XX*1922334457~\n");
            segments += 7;
            for (var l = 1; l <= lines; l++)
            {
                sb.Append(CultureInfo.InvariantCulture, $"LX*{l}~\nSV1*HC:{procs[rnd.Next(procs.Length)]}*100*UN*{1 + rnd.Next(2)}***1~\nDTP*472*D8*202609{day:D2}~\n");
                segments += 3;
            }
        }
        sb.Append(CultureInfo.InvariantCulture, $"SE*{segments + 1}*0001~\nGE*1*1~\nIEA*1*000000001~\n");
        return Encoding.ASCII.GetBytes(sb.ToString());
    }
}
