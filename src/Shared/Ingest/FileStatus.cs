using DenialPipeline.Cases;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Ingest;

/// <summary>
/// A file's state. <see cref="Quarantined"/>: read, but some of its transactions named a payer or sender its sender may not
/// use; they opened and closed nothing and wait for an Admin to release or discard them (<see cref="FileQuarantine"/>).
/// </summary>
public enum FileStatus { Received, Processing, Processed, ProcessedWithErrors, Failed, Quarantined }
