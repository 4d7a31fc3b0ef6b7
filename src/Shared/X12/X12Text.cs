using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace DenialPipeline.X12;

/// <summary>Span helpers for X12 element values: strings, composites, decimals (invariant) and dates.</summary>
public static class X12Text
{
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static string? ToStr(ReadOnlySpan<byte> s, X12StringCache? cache)
    {
        if (s.IsEmpty) return null;
        // Elements are padded in places (ISA, some payers): trim spaces (rare, so checked first).
        if (s[0] == (byte)' ' || s[^1] == (byte)' ')
        {
            var a = 0; var b = s.Length;
            while (a < b && s[a] == (byte)' ') a++;
            while (b > a && s[b - 1] == (byte)' ') b--;
            if (a == b) return null;
            s = s[a..b];
        }
        return cache is null ? Decode(s) : cache.Get(s);
    }

    /// <summary>UTF-8 bytes to a string; ASCII (nearly every element) is widened directly, without a counting pass.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    internal static string Decode(ReadOnlySpan<byte> s)
    {
        if (s.Length > 64 || !Ascii.IsValid(s)) return DecodeUtf8(s);
        return Encoding.Latin1.GetString(s); // ASCII: each byte widened to its char (the framework's vectorised loop)
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static string DecodeUtf8(ReadOnlySpan<byte> s) => Encoding.UTF8.GetString(s);

    public static string? ToStr(ReadOnlySpan<byte> s) => ToStr(s, null);

    /// <summary>Component c (0-based) of a composite element; empty when absent.</summary>
    public static ReadOnlySpan<byte> Component(ReadOnlySpan<byte> element, byte separator, int c)
    {
        // Composites are short ("HC:99213:25"): a plain loop beats a vectorised search per component.
        var start = 0;
        for (var i = 0; i < element.Length; i++)
        {
            if (element[i] != separator) continue;
            if (c == 0) return element[start..i];
            c--;
            start = i + 1;
        }
        return c == 0 ? element[start..] : default;
    }

    /// <summary>An X12 decimal ("R" type): optional sign, digits, optional point. Invariant culture, no exponent, no grouping.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDecimal(ReadOnlySpan<byte> s, out decimal value)
    {
        value = 0m;
        if (s.IsEmpty) return false;
        if (s[0] == (byte)' ' || s[^1] == (byte)' ')
        {
            var a = 0; var b = s.Length;
            while (a < b && s[a] == (byte)' ') a++;
            while (b > a && s[b - 1] == (byte)' ') b--;
            s = s[a..b];
            if (s.IsEmpty) return false;
        }
        // Fast path: up to 19 digits with an optional sign and point: integer digits, then the fraction.
        var neg = false; var i = 0;
        if (s[0] == (byte)'-') { neg = true; i = 1; }
        else if (s[0] == (byte)'+') i = 1;
        if (i == s.Length || s.Length - i > 19) return SlowDecimal(s, out value);
        ulong mantissa = 0;
        var start = i;
        uint d;
        while (i < s.Length && (d = (uint)(s[i] - '0')) <= 9) { mantissa = mantissa * 10 + d; i++; }
        var digits = i - start;
        var scale = 0;
        if (i < s.Length)
        {
            if (s[i] != (byte)'.') return false;
            var fraction = ++i;
            while (i < s.Length && (d = (uint)(s[i] - '0')) <= 9) { mantissa = mantissa * 10 + d; i++; }
            if (i < s.Length) return false;
            scale = i - fraction;
            digits += scale;
        }
        if (digits == 0) return false;
        value = new decimal((int)(mantissa & 0xFFFFFFFF), (int)(mantissa >> 32), 0, neg, (byte)scale);
        return true;
    }

    private static bool SlowDecimal(ReadOnlySpan<byte> s, out decimal value)
    {
        value = 0m;
        foreach (var b in s) if (!((uint)(b - '0') <= 9 || b is (byte)'.' or (byte)'-' or (byte)'+')) return false;
        return decimal.TryParse(s, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out value);
    }

    /// <summary>CCYYMMDD, or YYMMDD (4010, pivot: 00-49 → 20xx).</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveOptimization)]
    public static bool TryParseDate(ReadOnlySpan<byte> s, out DateOnly date)
    {
        date = default;
        int y, m, d;
        if (s.Length == 8)
        {
            // Fast path: eight digits, a day that exists in every month.
            uint d0 = (uint)(s[0] - '0'), d1 = (uint)(s[1] - '0'), d2 = (uint)(s[2] - '0'), d3 = (uint)(s[3] - '0'),
                d4 = (uint)(s[4] - '0'), d5 = (uint)(s[5] - '0'), d6 = (uint)(s[6] - '0'), d7 = (uint)(s[7] - '0');
            if ((d0 > 9) | (d1 > 9) | (d2 > 9) | (d3 > 9) | (d4 > 9) | (d5 > 9) | (d6 > 9) | (d7 > 9)) return false;
            y = (int)(d0 * 1000 + d1 * 100 + d2 * 10 + d3);
            m = (int)(d4 * 10 + d5);
            d = (int)(d6 * 10 + d7);
            if (y >= 1 && (uint)(m - 1) < 12 && (uint)(d - 1) < 28)
            {
                date = DateOnly.FromDayNumber(DayNumber(y, m, d));
                return true;
            }
        }
        else if (s.Length == 6)
        {
            if (!Digits(s[..2], out y) || !Digits(s.Slice(2, 2), out m) || !Digits(s.Slice(4, 2), out d)) return false;
            y += y < 50 ? 2000 : 1900;
        }
        else return false;
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return false;
        date = new DateOnly(y, m, d);
        return true;
    }

    private static ReadOnlySpan<int> DaysBeforeMonth => [0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334];

    /// <summary>Days since 0001-01-01 (proleptic Gregorian) of a valid date.</summary>
    private static int DayNumber(int y, int m, int d)
    {
        var p = y - 1;
        var n = p * 365 + p / 4 - p / 100 + p / 400 + DaysBeforeMonth[m - 1] + d - 1;
        if (m > 2 && (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0)) n++;
        return n;
    }

    private static bool Digits(ReadOnlySpan<byte> s, out int v)
    {
        v = 0;
        foreach (var c in s)
        {
            if ((uint)(c - '0') > 9) return false;
            v = v * 10 + (c - '0');
        }
        return true;
    }

    /// <summary>Formats an amount the way X12 writes it: invariant, no trailing zeros beyond what the value carries.</summary>
    public static string FormatDecimal(decimal value) => value.ToString(CultureInfo.InvariantCulture);

    public static string FormatDate(DateOnly date) => date.ToString("yyyyMMdd", CultureInfo.InvariantCulture);
}
