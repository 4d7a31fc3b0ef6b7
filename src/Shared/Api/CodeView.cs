namespace DenialPipeline.Api;

public sealed record CodeView(string Kind, string Code, bool Known, string Text, string? OfficialText, string? Category, string? Action, bool? PatientMayBeBilled);
