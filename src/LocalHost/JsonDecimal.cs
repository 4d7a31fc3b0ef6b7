using System.Buffers.Text;
using System.Runtime.CompilerServices;

namespace DenialPipeline.LocalHost;

/// <summary>
/// A decimal as <see cref="System.Text.Json.Utf8JsonWriter"/> prints it (<see cref="Utf8Formatter"/>'s general format:
/// every digit of the value's scale kept, so 12.50 stays 12.50), formatted straight from its digits when they fit in
/// 32 bits — every amount of a remittance below $42.9 million at two places. Others go to Utf8Formatter itself.
/// </summary>
public static class JsonDecimal
{
    /// <summary>Writes <paramref name="value"/> into <paramref name="destination"/> (at least 32 bytes); returns the bytes written.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public static int Format(decimal value, Span<byte> destination)
    {
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        var negative = bits[3] < 0;
        var scale = (bits[3] >> 16) & 0xFF;
        var digits = (uint)bits[0];
        if (bits[1] != 0 || bits[2] != 0 || (negative && digits == 0))
        {
            Utf8Formatter.TryFormat(value, destination, out var written);
            return written;
        }
        // The digits, least significant first, with zeros up to one before the decimal point.
        Span<byte> reversed = stackalloc byte[32];
        var count = 0;
        do
        {
            var next = digits / 10;
            reversed[count++] = (byte)('0' + (digits - next * 10));
            digits = next;
        }
        while (digits != 0);
        while (count <= scale) reversed[count++] = (byte)'0';
        var at = 0;
        if (negative) destination[at++] = (byte)'-';
        for (var i = count - 1; i >= 0; i--)
        {
            destination[at++] = reversed[i];
            if (i == scale && scale > 0) destination[at++] = (byte)'.';
        }
        return at;
    }
}
