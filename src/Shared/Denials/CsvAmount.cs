namespace DenialPipeline.Denials;

/// <summary>
/// Amounts in CSV reports under a mapping's decimal separator. The other separator ('.' or ','), a space, a no-break
/// space or an apostrophe may group thousands, but only every three digits before the decimal separator: "1,234.50"
/// with '.' and "1.234,50" with ',' are read; "12,50" with '.' is not 1250 but an issue (probably a decimal comma the
/// mapping does not expect), and so is anything else that is not one plain number. A wrong amount read silently would
/// become a wrong denied amount in a case and a letter; an issue is seen and fixed.
/// </summary>
public static class CsvAmount
{
    public enum Problem { None, NotANumber, Ambiguous }

    /// <summary>Reads "1,234.56", "$1,234.56", "(12.00)", "-12", "12-" (and their decimal-comma forms with ',').</summary>
    public static Problem TryParse(string text, char decimalSeparator, out decimal value)
    {
        value = 0m;
        var s = text.AsSpan().Trim();
        var negative = false;
        if (s.Length >= 2 && s[0] == '(' && s[^1] == ')') { negative = true; s = s[1..^1].Trim(); }
        s = TrimCurrency(s);
        if (s.Length > 0 && s[0] is '-' or '+') { negative ^= s[0] == '-'; s = s[1..].Trim(); }
        else if (s.Length > 0 && s[^1] == '-') { negative = !negative; s = s[..^1].Trim(); }
        s = TrimCurrency(s);
        if (s.IsEmpty) return Problem.NotANumber;

        var point = s.IndexOf(decimalSeparator);
        if (point >= 0 && s[(point + 1)..].IndexOf(decimalSeparator) >= 0) return Problem.Ambiguous; // "1.2.3": grouping or two decimals?
        var whole = point >= 0 ? s[..point] : s;
        var fraction = point >= 0 ? s[(point + 1)..] : [];
        if (point >= 0 && fraction.IsEmpty) return Problem.NotANumber;
        foreach (var c in fraction) if (!char.IsAsciiDigit(c)) return IsSeparator(c) ? Problem.Ambiguous : Problem.NotANumber;
        if (whole.IsEmpty && fraction.IsEmpty) return Problem.NotANumber;

        decimal result = 0m;
        char? group = null;
        var digitsSinceGroup = 0;
        var sawGroup = false;
        var digits = 0;
        foreach (var c in whole)
        {
            if (char.IsAsciiDigit(c))
            {
                if (++digits > 18) return Problem.NotANumber; // no amount has that many digits; keeps the decimal in range
                result = result * 10 + (c - '0');
                digitsSinceGroup++;
                continue;
            }
            if (!IsSeparator(c) || c == decimalSeparator) return Problem.NotANumber;
            // A group separator: one kind only, after 1–3 digits the first time and exactly 3 after that.
            if (group is { } g && g != c) return Problem.Ambiguous;
            if (sawGroup ? digitsSinceGroup != 3 : digitsSinceGroup is < 1 or > 3) return Problem.Ambiguous;
            group = c;
            sawGroup = true;
            digitsSinceGroup = 0;
        }
        if (sawGroup && digitsSinceGroup != 3) return Problem.Ambiguous;
        var scale = 1m;
        foreach (var c in fraction)
        {
            if (scale < 1e-20m) break; // beyond what an amount means; keeps the decimal in range
            scale /= 10;
            result += (c - '0') * scale;
        }
        value = negative ? -result : result;
        return Problem.None;
    }

    private static bool IsSeparator(char c) => c is '.' or ',' or ' ' or '\u00A0' or '\u202F' or '\'';

    private static ReadOnlySpan<char> TrimCurrency(ReadOnlySpan<char> s)
    {
        s = s.Trim();
        if (s.Length > 0 && s[0] is '$' or '€' or '£') s = s[1..].Trim();
        if (s.Length > 0 && s[^1] is '$' or '€' or '£') s = s[..^1].Trim();
        if (s.Length > 3 && (s.StartsWith("USD", StringComparison.OrdinalIgnoreCase) || s.StartsWith("EUR", StringComparison.OrdinalIgnoreCase))) s = s[3..].Trim();
        if (s.Length > 3 && (s.EndsWith("USD", StringComparison.OrdinalIgnoreCase) || s.EndsWith("EUR", StringComparison.OrdinalIgnoreCase))) s = s[..^3].Trim();
        return s;
    }
}
