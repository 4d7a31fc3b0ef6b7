using DenialPipeline.Codes;
using DenialPipeline.Denials;
using DenialPipeline.Ingest;
using DenialPipeline.X12;

namespace DenialPipeline.LocalHost;

/// <summary>
/// <c>parse FILE [--json [--pretty] | --csv] [--mapping FILE.json]</c>: reads an 835 or a CSV denial report (the
/// format and a report's mapping chosen as ingest chooses them: docs/csv-reports.md) and prints a summary a coder
/// understands, one JSON document, or CSV rows — each written as the file is read, so memory does not grow with an
/// 835's size. Reads no storage: a report is matched against the shipped mappings and those of <c>--mapping</c>.
/// </summary>
public static class ParseCommand
{
    private const string Usage = """
        Usage: parse <file> [--json [--pretty] | --csv] [--mapping <mappings.json>]...

        Reads an X12 835 or a CSV denial report and prints what it holds: a readable summary; with --json one JSON
        document (transactions, claims, adjustments, lines, provider adjustments, warnings and errors with segment
        numbers; for a report, with row numbers and columns), compact unless --pretty; with --csv one row per service
        line (claim columns repeated), warnings and errors on the error output. Output is written as the file is read.
        A CSV report is read with the mapping its header row fits, chosen from the shipped mappings and those in the
        --mapping files (the JSON that 'import' loads; see docs/csv-reports.md). Mappings imported into storage are not
        consulted here. A CSV report may be at most 64 MB (its claims are held until its last row); an 835 has no limit.
        """;

    // Events per batch handed from the reader's thread to the writer's, and batches queued at most: enough to keep both
    // busy, few enough that memory stays flat (docs/benchmarks.md, "CLI benchmark").
    private const int ReadAheadBatch = 64;
    private const int ReadAheadBatches = 4;

    /// <summary>What `parse --json` compiles ahead of use: the reader's hot methods and the JSON writer's.</summary>
    public static IReadOnlyList<Type> JsonHotPaths { get; } =
        [.. HotPaths.Remittance835Reader, typeof(ParseJsonWriter), typeof(JsonEmitter), typeof(JsonDecimal)];

    public static async Task<int> ExecuteAsync(string[] args)
    {
        await using var stdout = Console.OpenStandardOutput();
        return await RunAsync(args, stdout, Console.Error);
    }

    /// <summary>The command with its output and errors written where the caller says (tests read them).</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken = default,
        long maxCsvBytes = IngestOptions.DefaultMaxCsvFileBytes)
    {
        using var buffer = new MemoryStream();
        var code = await RunAsync(args, buffer, errors, cancellationToken, maxCsvBytes);
        await output.WriteAsync(System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        return code;
    }

    /// <summary>The command writing UTF-8 to <paramref name="output"/> as it reads (stdout in the CLI).</summary>
    public static async Task<int> RunAsync(string[] args, Stream output, TextWriter errors, CancellationToken cancellationToken = default,
        long maxCsvBytes = IngestOptions.DefaultMaxCsvFileBytes)
    {
        var (files, mappingFiles, badArgs) = ParseArgs(args);
        if (badArgs is not null) { await errors.WriteLineAsync(badArgs); return 2; }
        if (args.Contains("--help") || files.Count != 1)
        {
            await WriteTextAsync(output, Usage + Environment.NewLine, cancellationToken);
            return files.Count == 1 ? 0 : 2;
        }
        // --json and --csv: their hot methods compile on a thread of their own while the file is opened and sniffed.
        var hot = args.Contains("--json") ? JsonHotPaths : args.Contains("--csv") ? HotPaths.Remittance835Reader : null;
        if (hot is not null) _ = HotPaths.PrepareAsync(hot);
        var missing = files.Concat(mappingFiles).Where(f => !File.Exists(f)).ToList();
        if (missing.Count > 0) { await errors.WriteLineAsync($"No such file: {string.Join(", ", missing)}"); return 2; }

        var extra = new List<CsvDenialMapping>();
        foreach (var m in mappingFiles)
        {
            var set = CsvMappingJson.Parse(await File.ReadAllTextAsync(m, cancellationToken));
            foreach (var p in set.Problems) await errors.WriteLineAsync($"{m}: {p}");
            if (set.Problems.Count > 0) return 2;
            extra.AddRange(set.Mappings);
        }
        // The shipped mappings are parsed only for a CSV report: an 835 never needs them, and parsing them is start-up time.
        var mappings = new Lazy<IReadOnlyList<CsvDenialMapping>>(() => CsvMappingJson.WithDefaults(extra));

        await using var stream = new BlockingReadStream(File.OpenRead(files[0]));
        // --json and --csv print neither names nor references: the reader leaves them out (fewer objects per claim).
        var printsAll = !args.Contains("--json") && !args.Contains("--csv");
        var x12Options = printsAll ? Remittance835ReadOptions.Full : new Remittance835ReadOptions { SkipNamesAndReferences = true };
        var read = await DenialFileReader.OpenAsync(stream, Path.GetFileName(files[0]), _ => Task.FromResult(mappings.Value), x12Options, cancellationToken);
        if (read.Failure is not null)
        {
            await errors.WriteLineAsync(read.Failure);
            return 1;
        }
        if (read.Format == DenialFileFormat.CsvReport && stream.Length > maxCsvBytes)
        {
            await errors.WriteLineAsync(TooLarge(files[0], stream.Length, maxCsvBytes));
            return 1;
        }
        var errorCount = new ErrorCounter();
        // --json and --csv read on a thread of their own, a few batches ahead of the writer: two cores instead of one.
        var events = errorCount.Count(printsAll ? read.Events : ReadAhead.Run(read.Events, ReadAheadBatch, ReadAheadBatches, cancellationToken));
        await WriteAsync(args, events, read.Mapping?.Payer, output, errors, cancellationToken);
        return errorCount.Errors > 0 ? 1 : 0;
    }

    // The output the flags ask for: one JSON document, CSV rows (issues on the error output), or the coder's summary.
    private static async Task WriteAsync(string[] args, IAsyncEnumerable<RemittanceEvent> events, string? csvMapping, Stream output, TextWriter errors,
        CancellationToken cancellationToken)
    {
        if (args.Contains("--json"))
        {
            await using var json = new ParseJsonWriter(output, args.Contains("--pretty"));
            await json.WriteAsync(events, csvMapping, cancellationToken);
        }
        else if (args.Contains("--csv"))
        {
            await using var text = Utf8Writer(output);
            var issues = await new ParseCsvWriter(text).WriteAsync(events, cancellationToken);
            var summary = new ParseSummaryWriter(TextWriter.Null, CodeBook.LoadDefault(), csvMapping);
            foreach (var i in issues) summary.Add(new IssueFound(i));
            if (issues.Count > 0) await errors.WriteAsync(summary.Finish());
        }
        else
        {
            await using var text = Utf8Writer(output);
            await new ParseSummaryWriter(text, CodeBook.LoadDefault(), csvMapping).WriteAsync(events, cancellationToken);
        }
    }

    /// <summary>The error for a CSV report above the limit: what, its size, the limit and why there is one.</summary>
    public static string TooLarge(string file, long size, long limit) =>
        $"{Path.GetFileName(file)} is a CSV denial report of {size:N0} bytes, above the limit of {limit:N0} bytes for reports " +
        "(a report's claims are held in memory until its last row, since rows of one claim may be anywhere); it was not read. Split it.";

    private static (List<string> Files, List<string> Mappings, string? Error) ParseArgs(string[] args)
    {
        var files = new List<string>();
        var mappingFiles = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--mapping")
            {
                if (i + 1 >= args.Length) return (files, mappingFiles, "--mapping needs a file (a JSON file of CSV report mappings).");
                mappingFiles.Add(args[++i]);
            }
            else if (!args[i].StartsWith("--", StringComparison.Ordinal)) files.Add(args[i]);
        }
        if (args.Contains("--json") && args.Contains("--csv")) return (files, mappingFiles, "Choose one of --json and --csv.");
        if (args.Contains("--pretty") && !args.Contains("--json")) return (files, mappingFiles, "--pretty goes with --json.");
        return (files, mappingFiles, null);
    }

    private static StreamWriter Utf8Writer(Stream output) =>
        new(output, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 64 * 1024, leaveOpen: true);

    private static async Task WriteTextAsync(Stream output, string text, CancellationToken cancellationToken)
    {
        await using var writer = Utf8Writer(output);
        await writer.WriteAsync(text.AsMemory(), cancellationToken);
    }

    /// <summary>The summary of a file read whole (tests; the command itself streams through <see cref="ParseSummaryWriter"/>).</summary>
    public static string Summary(RemittanceFile file, CodeBook codes, string? csvMapping = null)
    {
        var writer = new ParseSummaryWriter(TextWriter.Null, codes, csvMapping);
        var sb = new System.Text.StringBuilder();
        foreach (var t in file.Transactions)
        {
            writer.Add(new TransactionStarted(t.Transaction));
            foreach (var c in t.Claims) writer.Add(new ClaimRead(t.Transaction, c));
            sb.Append(writer.Add(new TransactionEnded(t.Transaction, t.ProviderAdjustments, t.Claims.Count)));
        }
        foreach (var i in file.Issues) writer.Add(new IssueFound(i));
        return sb.Append(writer.Finish()).ToString();
    }

    // Counts errors as the events pass, for the exit code, without holding them.
    private sealed class ErrorCounter
    {
        public int Errors { get; private set; }

        public async IAsyncEnumerable<RemittanceEvent> Count(IAsyncEnumerable<RemittanceEvent> events)
        {
            await foreach (var e in events.ConfigureAwait(false))
            {
                if (e is IssueFound { Issue.Severity: X12IssueSeverity.Error }) Errors++;
                yield return e;
            }
        }
    }
}
