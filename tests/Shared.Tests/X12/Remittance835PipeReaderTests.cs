using System.IO.Pipelines;
using System.Text;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

/// <summary>Reading from a <see cref="PipeReader"/> gives exactly the events of reading the same bytes from a stream.</summary>
public sealed class Remittance835PipeReaderTests
{
    /// <summary>Events as text: the model (canonical), issues with their segment number and byte offset, claim positions.</summary>
    private static string Describe(IEnumerable<RemittanceEvent> events)
    {
        var sb = new StringBuilder();
        foreach (var e in events)
        {
            switch (e)
            {
                case ClaimRead c: sb.Append("claim@").Append(c.Claim.Position).Append(' ').Append(X12TestUtil.Canon(c.Claim)); break;
                case IssueFound i: sb.Append("issue@").Append(i.Issue.Position).Append(' ').Append(X12TestUtil.Canon(i.Issue)); break;
                default: sb.Append(X12TestUtil.Canon(e)); break;
            }
            sb.Append('\n');
        }
        return sb.ToString();
    }

    private static async Task<List<RemittanceEvent>> FromStream(byte[] bytes)
    {
        var list = new List<RemittanceEvent>();
        await foreach (var e in Remittance835Reader.ReadAsync(new MemoryStream(bytes))) list.Add(e);
        return list;
    }

    /// <summary>Writes the bytes into a pipe in chunks of random size (1..maxChunk, flushed one by one) while the reader reads.</summary>
    private static async Task<List<RemittanceEvent>> FromPipe(byte[] bytes, int seed, int maxChunk)
    {
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 4096, resumeWriterThreshold: 2048, useSynchronizationContext: false));
        var writer = Task.Run(async () =>
        {
            var r = new Random(seed);
            for (var at = 0; at < bytes.Length;)
            {
                var n = Math.Min(bytes.Length - at, r.Next(1, maxChunk + 1));
                await pipe.Writer.WriteAsync(bytes.AsMemory(at, n));
                at += n;
            }
            await pipe.Writer.CompleteAsync();
        });
        var list = new List<RemittanceEvent>();
        await foreach (var e in Remittance835Reader.ReadAsync(pipe.Reader)) list.Add(e);
        await writer;
        await pipe.Reader.CompleteAsync();
        return list;
    }

    public static TheoryData<int, int> Seeds { get; } = new() { { 1, 1 }, { 2, 7 }, { 3, 300 }, { 4, 70_000 } };

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task GeneratedFiles_SameEventsAsFromAStream(int seed, int maxChunk)
    {
        var claims = 0;
        for (var i = 0; i < 10; i++)
        {
            var file = new Remittance835Generator(seed * 100 + i).Generate();
            var bytes = Encoding.UTF8.GetBytes(Remittance835Writer.WriteToString(file, new X12WriteOptions { LineBreak = i % 2 == 0 ? "\r\n" : "" }));
            var expected = Describe(await FromStream(bytes));
            claims += file.Claims.Count();
            Assert.Equal(expected, Describe(await FromPipe(bytes, seed + i, maxChunk)));
        }
        Assert.True(claims > 10, $"{claims} claims");
    }

    [Fact]
    public async Task BrokenInput_SameIssuesWithTheSamePositions()
    {
        // Garbage, a claim without CLP01, a non-number, no SE and no IEA: errors and warnings, as from a stream.
        var text = "\uFEFFISA*00*          *00*          *ZZ*S              *ZZ*R              *260101*0101*^*00501*000000001*0*P*:~\n" +
                   "GS*HP*S*R*20260101*0101*1*X*005010X221A1~ST*835*0001~BPR*I*10*C*CHK************20260101~TRN*1*T1*1~\n" +
                   "N1*PR*PAYER~N1*PE*PROV*XX*1234567893~LX*1~CLP**1*20*10*0*12*ICN1~CAS*CO*45*1O~\u0001\u0002garbage~" +
                   "CLP*PCN2*4*30*0*0*12*ICN2~CAS*CO*50*30~SVC*HC:99213*30*0~CAS*CO*50*30~";
        var bytes = Encoding.UTF8.GetBytes(text);
        var fromStream = await FromStream(bytes);
        Assert.Contains(fromStream, e => e is IssueFound { Issue.Code: "X12-CLP01" });
        Assert.Contains(fromStream, e => e is IssueFound { Issue.Code: "X12-TRUNCATED" });
        for (var seed = 0; seed < 5; seed++)
            Assert.Equal(Describe(fromStream), Describe(await FromPipe(bytes, seed, 1 + seed * 5)));
    }

    [CorpusFact]
    public async Task CorpusFiles_SameEventsAsFromAStream()
    {
        foreach (var (name, _) in SharedCorpus.Manifest("x12-835"))
        {
            var bytes = await File.ReadAllBytesAsync(SharedCorpus.PathOf("x12-835", name));
            Assert.Equal(Describe(await FromStream(bytes)), Describe(await FromPipe(bytes, bytes.Length, 512)));
        }
    }

    [Fact]
    public async Task ThePipeIsAdvancedAsItIsRead_NotHeldWhole()
    {
        // A 3 MB file through a pipe whose writer pauses at 64 KB unread: the read can only finish if the reader
        // advances the pipe past what it has taken (a reader that buffered the whole pipe would deadlock the writer).
        using var ms = new MemoryStream();
        var totals = new Remittance835Generator(11).WriteLarge(ms, 3L * 1024 * 1024);
        var bytes = ms.ToArray();
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 64 * 1024, resumeWriterThreshold: 32 * 1024, useSynchronizationContext: false));
        var maxUnread = 0L;
        var writer = Task.Run(async () =>
        {
            for (var at = 0; at < bytes.Length; at += 8192)
            {
                await pipe.Writer.WriteAsync(bytes.AsMemory(at, Math.Min(8192, bytes.Length - at)));
                maxUnread = Math.Max(maxUnread, pipe.Writer.UnflushedBytes);
            }
            await pipe.Writer.CompleteAsync();
        });
        long claims = 0;
        using var cts = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await foreach (var e in Remittance835Reader.ReadAsync(pipe.Reader, cts.Token))
        {
            if (e is ClaimRead) claims++;
            Assert.False(e is IssueFound, (e as IssueFound)?.Issue.Message);
        }
        await writer;
        Assert.Equal(totals.Claims, claims);
    }

    [Fact]
    public async Task Cancellation_Throws_AndTheSyncReadIsRefused()
    {
        var pipe = new Pipe();
        using var cts = new CancellationTokenSource();
        await pipe.Writer.WriteAsync(Encoding.ASCII.GetBytes("ST*835*0001~BPR*I*0*C*NON************20260101~"));
        var read = Task.Run(async () =>
        {
            await foreach (var _ in Remittance835Reader.ReadAsync(pipe.Reader, cts.Token)) { }
        });
        await Task.Delay(50);
        Assert.False(read.IsCompleted); // waiting for more data (no SE yet, writer not complete)
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => read);

        using var tk = new X12Tokenizer(new Pipe().Reader);
        Assert.Throws<NotSupportedException>(() => tk.Read());
    }
}
