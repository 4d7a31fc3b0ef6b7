namespace DenialPipeline.Letters;

/// <summary>Settings section "Letters": who the letters are from (the organization and the person who signs).</summary>
public sealed class LetterOptions
{
    public const string Section = "Letters";

    public string? OrganizationName { get; set; }
    public string? AddressLine1 { get; set; }
    public string? AddressLine2 { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? PostalCode { get; set; }
    public string? Phone { get; set; }
    public string? SignerName { get; set; }
    public string? SignerTitle { get; set; }

    /// <summary>A folder of per-payer template overrides (Templates/payers/&lt;payerId&gt;/&lt;type&gt;.liquid) read without a rebuild.</summary>
    public string? TemplateOverrideDirectory { get; set; }
}
