namespace DenialPipeline.Delivery;

/// <summary>
/// Reads a request body up to a limit, counting what actually arrives (a chunked body has no Content-Length to check
/// first): at most <c>limit + 1</c> bytes are read, and a longer body is refused without reading the rest.
/// </summary>
public static class BoundedBody
{
    /// <summary>The body's bytes, or null when it is longer than <paramref name="limit"/>.</summary>
    public static async Task<byte[]?> ReadAsync(Stream body, int limit, CancellationToken cancellationToken = default)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        while (true)
        {
            var want = (int)Math.Min(chunk.Length, limit + 1L - buffer.Length);
            var read = await body.ReadAsync(chunk.AsMemory(0, want), cancellationToken);
            if (read == 0) return buffer.ToArray();
            buffer.Write(chunk, 0, read);
            if (buffer.Length > limit) return null;
        }
    }
}
