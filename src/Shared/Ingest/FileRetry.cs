using DenialPipeline.Cases;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Ingest;

/// <summary>One retry of a failed file: when, who (<c>user:&lt;name&gt;</c>) and with which role, and the failure it retried.</summary>
public sealed record FileRetry(DateTimeOffset At, string Actor, string Role, string? FailureReason);
