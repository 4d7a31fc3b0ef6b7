using System.Text.Json.Serialization;

namespace DenialPipeline.Pipeline;

/// <summary>
/// One record per queue message. Messages carry ids only; the state lives in tables and blobs. A message names one case,
/// or several (<see cref="More"/>: ingest sends the denied claims of a file <see cref="CaseBatch.DefaultSize"/> at a time);
/// each case is researched on its own (<see cref="CaseBatch"/>).
/// </summary>
public sealed record ResearchRequested(string CaseId)
{
    /// <summary>The message's other cases, after <see cref="CaseId"/>; null for a message of one case (the older shape too).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? More { get; init; }

    /// <summary>Every case of the message, <see cref="CaseId"/> first.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> CaseIds => CaseBatch.Ids(CaseId, More);
}
