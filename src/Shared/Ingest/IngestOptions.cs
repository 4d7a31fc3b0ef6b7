using System.ComponentModel.DataAnnotations;

namespace DenialPipeline.Ingest;

/// <summary>Ingest settings (section <c>Ingest</c>; <c>Ingest__MaxFileBytes</c> as an app setting), uploads included.</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>1 GiB: far above any real 835 (a large payer's weekly file is tens of MB).</summary>
    public const long DefaultMaxFileBytes = 1L << 30;

    /// <summary>Largest file Ingest reads; a larger one is marked Failed with the limit and its size.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;

    /// <summary>64 MiB: a CSV denial report is held as claims until its last row (rows of a claim may be anywhere), so its size is capped far below <see cref="MaxFileBytes"/>.</summary>
    public const long DefaultMaxCsvFileBytes = 64L << 20;

    /// <summary>Largest CSV denial report Ingest reads; a larger one is marked Failed with the limit and its size (an 835 is streamed and has only <see cref="MaxFileBytes"/>).</summary>
    [Range(1, long.MaxValue)]
    public long MaxCsvFileBytes { get; set; } = DefaultMaxCsvFileBytes;

    /// <summary>
    /// Backpressure: while more than this many denied claims wait for research in <c>denial-research</c> (its messages
    /// counted as <see cref="ClaimsPerResearchMessage"/> claims each), ingest stops opening cases and waits for research
    /// to catch up (checked every <see cref="BacklogCheckEvery"/> denials). A large file then does not put thousands of
    /// claims ahead of every file dropped after it (files interleave), and the queue stays short. 0 turns it off. The
    /// default, 1,024 claims (64 messages), is well above what the host works at once (24 messages: host.json's
    /// batchSize + newBatchThreshold), so research never waits for ingest to catch up.
    /// </summary>
    [Range(0, int.MaxValue)]
    public int MaxResearchBacklog { get; set; } = 1024;

    /// <summary>
    /// How many denied claims of a file one research message names (<see cref="Pipeline.CaseBatch"/>; 1 = a message per
    /// claim). Each claim is still researched, retried and poisoned on its own; fewer messages are fewer queue requests
    /// and function executions per denial.
    /// </summary>
    [Range(1, Pipeline.CaseBatch.MaxSize)]
    public int ClaimsPerResearchMessage { get; set; } = Pipeline.CaseBatch.DefaultSize;

    /// <summary>How many denials ingest opens between two looks at the research queue's length.</summary>
    [Range(1, 100_000)]
    public int BacklogCheckEvery { get; set; } = 64;

    /// <summary>
    /// The most one file waits in total for the backlog to drain (seconds); after that it opens its remaining cases
    /// without waiting, so a stalled research stage cannot hold a file past the function's time limit.
    /// </summary>
    [Range(0, 3600)]
    public int MaxBacklogWaitSeconds { get; set; } = 300;

    /// <summary>
    /// Post the BlobCreated event ourselves after an upload (<c>POST /api/files</c>). False in Azure, where Event Grid
    /// posts it; true in the local host, which has no Event Grid (and for any deployment without the Event Grid subscription).
    /// </summary>
    public bool EnqueueOnUpload { get; set; }
}
