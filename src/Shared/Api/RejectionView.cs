using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Storage;

namespace DenialPipeline.Api;

public sealed record RejectionView(int Row, string Reason, string? Key);
