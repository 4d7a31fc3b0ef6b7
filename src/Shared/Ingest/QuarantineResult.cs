using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Ingest;

public sealed record QuarantineResult(QuarantineOutcome Outcome, RemittanceFileEntity? File, string? Message = null);
