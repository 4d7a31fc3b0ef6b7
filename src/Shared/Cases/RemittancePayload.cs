using System.IO.Compression;
using System.Text.Json;
using DenialPipeline.X12;

namespace DenialPipeline.Cases;

/// <summary>
/// The denied claim exactly as read (transaction header + claim payment), kept on the case as gzip'd JSON so
/// research works from the reader's typed model without re-reading the file. Gzip keeps even long claims well
/// under Table Storage's 64 KB property limit.
/// </summary>
public sealed record RemittancePayload(RemittanceTransaction Transaction, ClaimPayment Claim)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web) { IncludeFields = true };

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
            JsonSerializer.Serialize(gzip, this, Options);
        return buffer.ToArray();
    }

    public static RemittancePayload? FromBytes(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0) return null;
        using var gzip = new GZipStream(new MemoryStream(bytes), CompressionMode.Decompress);
        return JsonSerializer.Deserialize<RemittancePayload>(gzip, Options);
    }
}
