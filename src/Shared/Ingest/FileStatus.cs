using DenialPipeline.Cases;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Ingest;

public enum FileStatus { Received, Processing, Processed, ProcessedWithErrors, Failed }
