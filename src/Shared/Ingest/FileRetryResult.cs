using DenialPipeline.Pipeline;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Ingest;

public sealed record FileRetryResult(FileRetryOutcome Outcome, RemittanceFileEntity? File, string? Message = null);
