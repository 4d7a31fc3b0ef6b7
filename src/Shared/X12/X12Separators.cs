namespace DenialPipeline.X12;

/// <summary>The four X12 delimiters. <see cref="Repetition"/> is null when the file has none (4010, or ISA11 = U).</summary>
public readonly record struct X12Separators(byte Element, byte Component, byte? Repetition, byte Segment)
{
    public static X12Separators Default { get; } = new((byte)'*', (byte)':', (byte)'^', (byte)'~');
}
