using System.Text.Json;
using System.Text.Json.Serialization;

namespace DenialPipeline.Pipeline;

public sealed record DraftRequested(string CaseId);
