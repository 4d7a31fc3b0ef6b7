namespace DenialPipeline.Research.Records;

// The records the research stage checks a denial against. Each record has a deterministic Key (the
// Records table's RowKey; the partition is its Kind), so importing the same data twice upserts the
// same rows. Collections default to empty; dates are DateOnly; amounts decimal.

/// <summary>Deterministic keys: parts joined with '|', characters Table Storage forbids in keys replaced.</summary>
public static class RecordKeys
{
    public static string Of(params string?[] parts) =>
        string.Join("|", parts.Select(p => Clean(p ?? string.Empty)));

    /// <summary>
    /// Escapes what Table Storage forbids in a key (<c>/ \ # ?</c>, control characters), the part separator <c>|</c> and the
    /// escape character <c>%</c> itself as <c>%XX</c>: distinct ids keep distinct keys ("A/B" and "A#B" used to both
    /// become "A_B", and the second record overwrote the first).
    /// </summary>
    private static string Clean(string part)
    {
        part = part.Trim();
        var sb = new System.Text.StringBuilder(part.Length + 8);
        foreach (var c in part)
        {
            if (c is '/' or '\\' or '#' or '?' or '|' or '%' || char.IsControl(c))
                sb.Append('%').Append(((int)c).ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}
