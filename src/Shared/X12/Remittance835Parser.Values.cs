namespace DenialPipeline.X12;

/// <summary>The 835 state machine, values: amounts, dates and the issues their reading raises.</summary>
internal sealed partial class Remittance835Parser
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private decimal? Dec(in X12Segment seg, int i, string name, bool required = false, string? pcn = null)
    {
        var s = seg[i];
        if (s.IsEmpty) return required ? DecMissing(s, i, name, required, pcn) : null;
        if (X12Text.TryParseDecimal(s, out var v)) return v;
        return DecMissing(s, i, name, required, pcn);
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private decimal? DecMissing(ReadOnlySpan<byte> s, int i, string name, bool required, string? pcn)
    {
        if (s.IsEmpty)
        {
            if (required) Issue(X12IssueSeverity.Error, X12IssueCodes.Missing, $"{ElementName(name, i)} is required but empty", pcn);
            return null;
        }
        Issue(X12IssueSeverity.Error, X12IssueCodes.Number, $"{ElementName(name, i)} is not a number", pcn);
        return null;
    }

    private static string ElementName(string name, int i) => name.Length == 3 ? name + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture) : name;

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    private DateOnly? Date(in X12Segment seg, int i)
    {
        var s = seg[i];
        if (s.IsEmpty) return null;
        if (X12Text.TryParseDate(s, out var d)) return d;
        DateInvalid(i, seg.Str(0));
        return null;
    }

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void Issue(X12IssueSeverity severity, string code, string message, string? pcn = null, X12Position? at = null) =>
        Pending.Add(new IssueFound(new X12Issue(severity, code, message, at ?? _current, _inTx ? _stControl : null, pcn ?? _claim?.Pcn)));

    // Issues with formatted messages live out of line: a string-interpolation handler in a hot method makes every call zero it.
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void CasReasonMissing(int i) => Issue(X12IssueSeverity.Error, X12IssueCodes.Cas, $"CAS{i:00} reason missing for an amount", _claim?.Pcn);

    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private void DateInvalid(int i, string? segmentId) => Issue(X12IssueSeverity.Warning, X12IssueCodes.Date, $"Element {i} of {segmentId} is not a CCYYMMDD date", _claim?.Pcn);
}
