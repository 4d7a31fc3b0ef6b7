using DenialPipeline.Pipeline;
using System.Runtime.Serialization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;

namespace DenialPipeline.Metrics;

public sealed record RollupResult(bool Ran, int CasesSeen, int FilesSeen, int SourcesChanged, int RowsWritten);
