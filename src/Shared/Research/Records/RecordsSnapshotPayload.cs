namespace DenialPipeline.Research.Records;

/// <summary>
/// The snapshot research decided from, kept on the case (gzip'd JSON) so drafting writes its letters from the very
/// records the decision saw — and does not query the Records table a second time.
/// </summary>
public static class RecordsSnapshotPayload
{
    /// <summary>Table Storage caps a binary property at 64 KiB; a bigger snapshot is not stored (drafting reads the records again).</summary>
    public const int MaxBytes = 60 * 1024;

    public static byte[]? ToBytes(RecordsSnapshot snapshot)
    {
        using var buffer = new System.IO.MemoryStream();
        using (var gzip = new System.IO.Compression.GZipStream(buffer, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
            System.Text.Json.JsonSerializer.Serialize(gzip, snapshot, DenialPipeline.Storage.MessageJson.Options);
        return buffer.Length <= MaxBytes ? buffer.ToArray() : null;
    }

    public static RecordsSnapshot? FromBytes(byte[]? bytes)
    {
        if (bytes is null || bytes.Length == 0) return null;
        try
        {
            using var gzip = new System.IO.Compression.GZipStream(new System.IO.MemoryStream(bytes), System.IO.Compression.CompressionMode.Decompress);
            return System.Text.Json.JsonSerializer.Deserialize<RecordsSnapshot>(gzip, DenialPipeline.Storage.MessageJson.Options);
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or System.IO.InvalidDataException)
        {
            return null; // unreadable: drafting reads the records again
        }
    }
}
