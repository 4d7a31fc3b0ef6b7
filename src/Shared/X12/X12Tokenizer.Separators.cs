namespace DenialPipeline.X12;

/// <summary>The tokenizer's separators: read from each ISA, guessed without one, corrected from a composite's data.</summary>
public sealed partial class X12Tokenizer
{
    /// <summary>Adopts a component separator seen in the data when none came from an ISA header.</summary>
    public void ConfirmComponentSeparator(byte component)
    {
        if (!ComponentSeparatorGuessed) return;
        Separators = Separators with { Component = component };
        ComponentSeparatorGuessed = false;
    }

    /// <summary>
    /// Checks a composite element ("HC:99213", "11:B:1") against the component separator in force. When the element
    /// does not contain it but clearly uses another one after its 2-3 character qualifier, that one is adopted for the
    /// rest of the interchange (with a warning when it contradicts ISA16). Returns true when the separator changed.
    /// </summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool SniffComponentSeparator(ReadOnlySpan<byte> composite) =>
        composite.Length >= 4 && composite.IndexOf(Separators.Component) < 0 && AdoptComponentSeparator(composite);

    // The rare case: a composite without the separator in force (checked per composite, so the common test is inlined).
    private bool AdoptComponentSeparator(ReadOnlySpan<byte> composite)
    {
        var q = 0;
        while (q < composite.Length && q < 3 && IsAlnum(composite[q])) q++;
        if (q < 2 || q + 1 >= composite.Length) return false;
        var b = composite[q];
        if (IsAlnum(b) || b is (byte)' ' or (byte)'-' or (byte)'.' or (byte)'/' or (byte)'&' or (byte)',' or (byte)'\'' or (byte)'(' or (byte)')'
            || b == Separators.Element || b == Separators.Segment || !IsAlnum(composite[q + 1])) return false;
        if (!ComponentSeparatorGuessed)
            Enqueue(X12IssueSeverity.Warning, X12IssueCodes.Component, $"ISA16 declares '{(char)Separators.Component}' but the data uses '{(char)b}'; '{(char)b}' adopted", SegmentIndex, ByteOffset);
        Separators = Separators with { Component = b };
        ComponentSeparatorGuessed = false;
        return true;
    }

    /// <summary>
    /// Sets the separators at an ISA (from its fixed layout) or at the first segment of a file without one (guessed);
    /// null to go on tokenizing, or the step to return while more data is needed.
    /// </summary>
    private Step? ReadSeparators(ReadOnlySpan<byte> span, bool isa)
    {
        if (isa)
        {
            var d = DetectFromIsa(span, out var need);
            if (d == Detect.NeedData && !_eof) return NeedMore(need);
            if (d == Detect.Failed && (SegmentIndex == 0 || !SeparatorsFromIsa))
            {
                if (SegmentIndex == 0) GuessSeparators(span);
                Enqueue(X12IssueSeverity.Error, X12IssueCodes.Isa, "ISA header could not be read; separators guessed", SegmentIndex + 1, BytesRead);
            }
            return null;
        }
        if (span.Length < 512 && !_eof) return NeedMore(512);
        GuessSeparators(span);
        return null;
    }

    private enum Detect { Ok, NeedData, Failed }

    private Detect DetectFromIsa(ReadOnlySpan<byte> span, out int need)
    {
        need = Math.Max(span.Length + 1, 128);
        var element = span[3];
        if (element is (byte)' ' or (byte)'\r' or (byte)'\n') return Detect.Failed;
        // Walk to the 16th element separator: ISA16 (component separator) follows, then the terminator.
        var seen = 0;
        var i = 3;
        var isa11Start = -1; var isa11End = -1; var isa12Start = -1;
        for (; i < span.Length && i < 400; i++)
        {
            if (span[i] != element) continue;
            seen++;
            if (seen == 11) isa11Start = i + 1;
            if (seen == 12) { isa11End = i; isa12Start = i + 1; }
            if (seen == 16) break;
        }
        if (seen < 16) return i >= 400 ? Detect.Failed : Detect.NeedData;
        if (i + 2 >= span.Length || (i + 3 >= span.Length && !_eof)) return Detect.NeedData;
        var component = span[i + 1];
        var terminator = span[i + 2];
        // CRLF (or LF) as terminator: split on LF and trim the CR; a lone CR is a terminator of its own.
        if (terminator == (byte)'\r' && i + 3 < span.Length && span[i + 3] == (byte)'\n') terminator = (byte)'\n';
        if (IsAlnum(terminator) || terminator == element || terminator == (byte)' ') return Detect.Failed;
        byte? repetition = null;
        if (isa11End - isa11Start == 1 && !IsAlnum(span[isa11Start]) && span[isa11Start] != (byte)' '
            && span.Length > isa12Start + 3 && span[isa12Start] == '0' && span[isa12Start + 1] == '0' && span[isa12Start + 2] >= '5')
            repetition = span[isa11Start];
        Separators = new X12Separators(element, component, repetition, terminator);
        SeparatorsFromIsa = true;
        ComponentSeparatorGuessed = false;
        return Detect.Ok;
    }

    private void GuessSeparators(ReadOnlySpan<byte> span)
    {
        // No envelope: "ST*835*0001~". Element separator = first byte after the 2-3 character segment id;
        // terminator = first byte of the segment that cannot be data.
        var id = 0;
        while (id < span.Length && id < 3 && IsAlnum(span[id])) id++;
        if (id < 2 || id >= span.Length)
        {
            Enqueue(X12IssueSeverity.Error, X12IssueCodes.Separators, "No ISA header and no recognisable first segment; default separators assumed", 1, BytesRead);
            return;
        }
        var element = span[id];
        byte terminator = (byte)'~';
        var found = false;
        for (var i = id + 1; i < span.Length; i++)
        {
            var b = span[i];
            if (b == element || IsAlnum(b) || b is (byte)' ' or (byte)'.' or (byte)'-') continue;
            terminator = b == (byte)'\r' && i + 1 < span.Length && span[i + 1] == (byte)'\n' ? (byte)'\n' : b;
            found = true;
            break;
        }
        if (!found && !_eof)
            Enqueue(X12IssueSeverity.Warning, X12IssueCodes.Separators, "Segment terminator not found in the first segment; '~' assumed", 1, BytesRead);
        var component = element == (byte)':' ? (byte)'>' : (byte)':';
        Separators = new X12Separators(element, component, null, terminator);
        SeparatorsFromIsa = false;
        ComponentSeparatorGuessed = true;
    }
}
