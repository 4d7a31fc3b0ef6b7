using System.Text.Json.Serialization;

namespace DenialPipeline.Pipeline;

/// <summary>Drafting of one researched case, or of several (<see cref="More"/>: the cases one research message researched to a letter).</summary>
public sealed record DraftRequested(string CaseId)
{
    /// <summary>The message's other cases, after <see cref="CaseId"/>; null for a message of one case (the older shape too).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<string>? More { get; init; }

    /// <summary>Every case of the message, <see cref="CaseId"/> first.</summary>
    [JsonIgnore]
    public IReadOnlyList<string> CaseIds => CaseBatch.Ids(CaseId, More);
}
