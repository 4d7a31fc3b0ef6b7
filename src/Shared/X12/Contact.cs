namespace DenialPipeline.X12;

public sealed record Contact(string Function, string? Name, IReadOnlyList<(string Qualifier, string Number)> Numbers);
