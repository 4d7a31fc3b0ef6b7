using Azure;
using Azure.Data.Tables;
using DenialPipeline.Storage;

namespace DenialPipeline.Cases;

/// <summary>What a status change records: the event name, the new status, who did it (and with which role), and a PHI-free detail.</summary>
public sealed record CaseChange(string Event, CaseStatus? ToStatus, string Actor, string? Detail = null, string? Role = null);
