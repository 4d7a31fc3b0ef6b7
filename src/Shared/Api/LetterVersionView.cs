using DenialPipeline.Review;
using DenialPipeline.Pipeline;
using System.Text.Json;
using DenialPipeline.Ingest;
using DenialPipeline.Letters;
using DenialPipeline.Operations;
using DenialPipeline.Storage;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Api;

public sealed record LetterVersionView(int Version, DateTimeOffset At, string? EditedBy, bool Current);
