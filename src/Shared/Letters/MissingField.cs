namespace DenialPipeline.Letters;

/// <param name="Path">Field path in the context, e.g. <c>patient.memberId</c> or <c>serviceLines[0].procedureCode</c>.</param>
/// <param name="Label">What a coder reads, e.g. "Medicare number".</param>
public sealed record MissingField(string Path, string Label);
