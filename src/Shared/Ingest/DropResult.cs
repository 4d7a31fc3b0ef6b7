using DenialPipeline.Cases;
using DenialPipeline.Pipeline;
using System.Security.Cryptography;
using System.Text;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using DenialPipeline.Storage;

namespace DenialPipeline.Ingest;

public sealed record DropResult(string BlobName, string FileId, bool AlreadyThere);
