namespace DenialPipeline.Api;

public sealed record MeView(string Name, IReadOnlyList<string> Roles);
