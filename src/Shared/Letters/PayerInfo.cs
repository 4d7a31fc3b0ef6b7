namespace DenialPipeline.Letters;

public sealed record PayerInfo
{
    public string? Name { get; init; }

    /// <summary>Payer id (e.g. REF*2U or the clearinghouse id). Selects per-payer template overrides.</summary>
    public string? Id { get; init; }

    public PayerKind Kind { get; init; } = PayerKind.Commercial;

    /// <summary>The department that receives appeals, e.g. "Appeals Department" or a MAC's redetermination unit.</summary>
    public string? AppealDepartment { get; init; }

    public PostalAddress? AppealAddress { get; init; }
    public string? AppealFax { get; init; }
    public string? AppealPortalUrl { get; init; }
}
