namespace DenialPipeline.Letters;

public sealed record PostalAddress(string Line1, string? Line2, string City, string State, string PostalCode)
{
    public IReadOnlyList<string> Lines() =>
        Line2 is { Length: > 0 } line2
            ? [Line1, line2, $"{City}, {State} {PostalCode}"]
            : [Line1, $"{City}, {State} {PostalCode}"];
}
