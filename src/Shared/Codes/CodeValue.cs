namespace DenialPipeline.Codes;

/// <summary>A code as a value: its wire code and the system it belongs to (like Firely's <c>Code&lt;T&gt;</c>).</summary>
public readonly record struct CodeValue(CodeKind Kind, string Code)
{
    public string System => Kind switch
    {
        CodeKind.Carc => "https://x12.org/codes/claim-adjustment-reason-codes",
        CodeKind.Rarc => "https://x12.org/codes/remittance-advice-remark-codes",
        _ => "https://x12.org/codes/claim-adjustment-group-codes",
    };

    public static CodeValue Carc(string code) => new(CodeKind.Carc, Normalize(code));
    public static CodeValue Rarc(string code) => new(CodeKind.Rarc, Normalize(code));
    public static CodeValue Group(string code) => new(CodeKind.Group, Normalize(code));

    internal static string Normalize(string? code) => (code ?? string.Empty).Trim().ToUpperInvariant();

    public override string ToString() => Code;
}
