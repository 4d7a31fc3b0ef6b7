using System.ComponentModel.DataAnnotations;

namespace DenialPipeline.Ingest;

/// <summary>Ingest settings (section <c>Ingest</c>; <c>Ingest__MaxFileBytes</c> as an app setting).</summary>
public sealed class IngestOptions
{
    public const string Section = "Ingest";

    /// <summary>1 GiB: far above any real 835 (a large payer's weekly file is tens of MB).</summary>
    public const long DefaultMaxFileBytes = 1L << 30;

    /// <summary>Largest file Ingest reads; a larger one is marked Failed with the limit and its size.</summary>
    [Range(1, long.MaxValue)]
    public long MaxFileBytes { get; set; } = DefaultMaxFileBytes;
}
