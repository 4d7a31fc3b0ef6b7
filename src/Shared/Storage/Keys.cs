using System.Security.Cryptography;
using System.Text;

namespace DenialPipeline.Storage;

/// <summary>Deterministic ids (so redelivered messages and re-dropped files write the same rows) and safe table keys.</summary>
public static class Keys
{
    /// <summary>A short, URL- and table-safe id from the given parts: prefix + 20 base32 characters of SHA-256.</summary>
    public static string Hash(string prefix, params string?[] parts)
    {
        var text = string.Join('\u001f', parts.Select(p => p ?? ""));
        Span<byte> digest = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(text), digest);
        return prefix + Base32(digest[..13]);
    }

    public static string ContentHash(ReadOnlySpan<byte> sha256) => Base32(sha256[..16]);

    private static string Base32(ReadOnlySpan<byte> bytes)
    {
        const string a32 = "abcdefghijklmnopqrstuvwxyz234567";
        var sb = new StringBuilder((bytes.Length * 8 + 4) / 5);
        int buffer = 0, bits = 0;
        foreach (var b in bytes)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                sb.Append(a32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) sb.Append(a32[(buffer << (5 - bits)) & 31]);
        return sb.ToString();
    }

    /// <summary>True when a value can be used as a PartitionKey/RowKey (Azure forbids / \ # ? and control characters).</summary>
    public static bool IsValidTableKey(string? key) =>
        !string.IsNullOrEmpty(key) && key.Length <= 512 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));

    /// <summary>Time-ordered row key for history rows: ticks, then a discriminator that makes it deterministic per event.</summary>
    public static string HistoryRowKey(DateTimeOffset at, string eventKey) => $"h{at.UtcTicks:D19}-{eventKey}";

    /// <summary>A blob name with no path, no traversal and only safe characters (letters, digits, '.', '-', '_').</summary>
    public static string SafeBlobName(string fileName)
    {
        var justName = fileName.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries).LastOrDefault() ?? "";
        var sb = new StringBuilder(justName.Length);
        foreach (var ch in justName.Normalize(NormalizationForm.FormKC))
            sb.Append(char.IsAsciiLetterOrDigit(ch) || ch is '.' or '-' or '_' ? ch : '_');
        var safe = sb.ToString().Trim('.', '_');
        if (safe.Length == 0) safe = "drop";
        return safe.Length > 200 ? safe[..200] : safe;
    }
}
