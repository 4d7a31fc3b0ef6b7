namespace DenialPipeline.Letters;

public enum DeliveryChannel
{
    /// <summary>No address, fax, portal or email is known: a coder must supply one.</summary>
    Unknown,
    Portal,
    Fax,
    Mail,
    Email,
}
