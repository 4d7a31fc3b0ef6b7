using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using DenialPipeline.Pipeline;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Ingest;

public enum QuarantineOutcome { Done, NotFound, NotQuarantined, Changed, BlobMissing }
