using System.IO.Pipelines;
using System.Runtime.CompilerServices;

namespace DenialPipeline.X12;

/// <summary>
/// Reads X12 835 remittances (005010X221A1 and 004010X091A1) as a stream of events in file order.
/// Bad content never throws: it yields <see cref="IssueFound"/> (errors carry byte offset and segment number)
/// and reading continues. Only I/O failures and cancellation surface as exceptions.
/// </summary>
public static class Remittance835Reader
{
    /// <summary>Streams the file: TransactionStarted, ClaimRead…, IssueFound, TransactionEnded. Memory does not grow with the file.</summary>
    public static IAsyncEnumerable<RemittanceEvent> ReadAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return ReadCoreAsync(() => new X12Tokenizer(stream), Remittance835ReadOptions.Full, cancellationToken);
    }

    /// <summary>The same events, building what <paramref name="options"/> asks for.</summary>
    public static IAsyncEnumerable<RemittanceEvent> ReadAsync(Stream stream, Remittance835ReadOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(options);
        return ReadCoreAsync(() => new X12Tokenizer(stream), options, cancellationToken);
    }

    /// <summary>
    /// The same events from a <see cref="PipeReader"/> (e.g. an ASP.NET Core request body or a socket): the pipe is
    /// read as data arrives and advanced past every chunk taken, so neither the pipe nor the reader holds the file.
    /// The pipe is not completed; the caller owns it.
    /// </summary>
    public static IAsyncEnumerable<RemittanceEvent> ReadAsync(PipeReader reader, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return ReadCoreAsync(() => new X12Tokenizer(reader), Remittance835ReadOptions.Full, cancellationToken);
    }

    private static async IAsyncEnumerable<RemittanceEvent> ReadCoreAsync(Func<X12Tokenizer> open, Remittance835ReadOptions options,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var tokenizer = open();
        var parser = new Remittance835Parser(options);
        var pending = parser.Pending;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Every segment already in the buffer is handled synchronously; only refills are awaited.
            var step = tokenizer.TryReadBuffered();
            while (step == X12Tokenizer.Step.Segment)
            {
                parser.Handle(tokenizer);
                if (pending.Count > 0)
                {
                    for (var i = 0; i < pending.Count; i++) yield return pending[i];
                    pending.Clear();
                }
                step = tokenizer.TryReadBuffered();
            }
            if (step == X12Tokenizer.Step.End) break;
            await tokenizer.FillAsync(cancellationToken).ConfigureAwait(false);
        }
        parser.Finish(tokenizer);
        for (var i = 0; i < pending.Count; i++) yield return pending[i];
        pending.Clear();
    }

    /// <summary>Synchronous event stream (same events as <see cref="ReadAsync(Stream, CancellationToken)"/>).</summary>
    public static IEnumerable<RemittanceEvent> ReadEvents(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Iterate(stream);

        static IEnumerable<RemittanceEvent> Iterate(Stream stream)
        {
            using var tokenizer = new X12Tokenizer(stream);
            var parser = new Remittance835Parser();
            var pending = parser.Pending;
            while (tokenizer.Read())
            {
                parser.Handle(tokenizer);
                if (pending.Count == 0) continue;
                for (var i = 0; i < pending.Count; i++) yield return pending[i];
                pending.Clear();
            }
            parser.Finish(tokenizer);
            for (var i = 0; i < pending.Count; i++) yield return pending[i];
            pending.Clear();
        }
    }

    /// <summary>Reads a whole file into memory: for small files and the <c>parse</c> command.</summary>
    public static RemittanceFile Read(Stream stream) => Collect(ReadEvents(stream));

    /// <summary>Reads a whole file into memory asynchronously.</summary>
    public static async Task<RemittanceFile> ReadFileAsync(Stream stream, CancellationToken cancellationToken = default)
    {
        var collector = new Collector();
        await foreach (var e in ReadAsync(stream, cancellationToken).ConfigureAwait(false)) collector.Add(e);
        return collector.Build();
    }

    /// <summary>Reads a string (tests, small fixtures).</summary>
    public static RemittanceFile Parse(string x12)
    {
        using var ms = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(x12));
        return Read(ms);
    }

    /// <summary>Folds an event stream into a <see cref="RemittanceFile"/>.</summary>
    public static RemittanceFile Collect(IEnumerable<RemittanceEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var collector = new Collector();
        foreach (var e in events) collector.Add(e);
        return collector.Build();
    }

    private sealed class Collector
    {
        private readonly List<RemittanceFileTransaction> _transactions = [];
        private readonly List<X12Issue> _issues = [];
        private List<ClaimPayment> _claims = [];

        public void Add(RemittanceEvent e)
        {
            switch (e)
            {
                case TransactionStarted: _claims = []; break;
                case ClaimRead c: _claims.Add(c.Claim); break;
                case TransactionEnded t: _transactions.Add(new RemittanceFileTransaction(t.Transaction, _claims, t.ProviderAdjustments)); _claims = []; break;
                case IssueFound i: _issues.Add(i.Issue); break;
            }
        }

        public RemittanceFile Build() => new(_transactions, _issues);
    }
}
