namespace DenialPipeline.X12;

public sealed record PayerInfo(
    string? Name,
    string? Id,
    Address? Address,
    IReadOnlyList<Contact> Contacts);
