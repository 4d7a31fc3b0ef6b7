using DenialPipeline.Pipeline;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Storage;

namespace DenialPipeline.Api;

public sealed record LetterDetailView(LetterSummaryView Letter, string? Html, IReadOnlyList<MissingField> MissingFields);
