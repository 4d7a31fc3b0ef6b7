using DenialPipeline.Delivery;

namespace DenialPipeline.Tests.Delivery;

/// <summary>Issue 18: the webhook's body limit holds while reading — a longer body is not read to its end.</summary>
public sealed class BoundedBodyTests
{
    [Fact]
    public async Task ReadAsync_StopsJustPastTheLimit_OnALongerBody()
    {
        var counting = new CountingStream(new MemoryStream(new byte[10 * 1024 * 1024]));
        Assert.Null(await BoundedBody.ReadAsync(counting, 1024 * 1024));
        Assert.InRange(counting.BytesRead, 1024 * 1024 + 1, 1024 * 1024 + 1);
    }

    [Fact]
    public async Task ReadAsync_ReturnsABodyUpToTheLimit()
    {
        Assert.Equal(1000, (await BoundedBody.ReadAsync(new MemoryStream(new byte[1000]), 1000))!.Length);
        Assert.Empty((await BoundedBody.ReadAsync(new MemoryStream(), 1000))!);
    }

    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = inner.Read(buffer, offset, count);
            BytesRead += n;
            return n;
        }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
