using System.Buffers;
using System.Text;
using System.Text.Json;
using DenialPipeline.LocalHost;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>
/// <see cref="JsonEmitter"/> must print what <see cref="Utf8JsonWriter"/> prints (parse --json's output is pinned to the
/// serializer's, byte for byte): the same document written through both, compact and indented, over random amounts of
/// every scale and sign, every ASCII character, non-ASCII text, empty and nested containers and values larger than the
/// emitter's buffer.
/// </summary>
public sealed class JsonEmitterTests
{
    private static readonly JsonEmitter.Name A = new("amount"), S = new("text"), L = new("list"), O = new("inner"), N = new("count"), B = new("flag");

    // One document, written through either writer.
    private static void Write(IWriter w, Random r, int items)
    {
        w.StartObject();
        w.StartArray(L);
        for (var i = 0; i < items; i++)
        {
            w.StartObject();
            w.Number(A, RandomDecimal(r));
            w.String(S, RandomText(r));
            w.StartArray(L);
            for (var k = r.Next(3); k > 0; k--) w.StringValue(RandomText(r));
            w.EndArray();
            w.StartObject(O);
            if (r.Next(2) == 0) w.Null(N); else w.Number(N, r.NextInt64(-1_000_000, long.MaxValue));
            w.EndObject();
            w.Boolean(B, r.Next(2) == 0);
            w.EndObject();
        }
        w.EndArray();
        w.EndObject();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Emitter_PrintsWhatUtf8JsonWriterPrints(bool indented)
    {
        for (var seed = 0; seed < 20; seed++)
        {
            using var expected = new MemoryStream();
            using (var framework = new Utf8JsonWriter(expected, new JsonWriterOptions { Indented = indented, SkipValidation = true }))
                Write(new FrameworkWriter(framework), new Random(seed), items: seed % 5 == 0 ? 0 : 200);
            using var actual = new MemoryStream();
            var emitter = new JsonEmitter(actual, indented);
            Write(new EmitterWriter(emitter), new Random(seed), items: seed % 5 == 0 ? 0 : 200);
            emitter.Flush();
            Assert.Equal(Encoding.UTF8.GetString(expected.ToArray()), Encoding.UTF8.GetString(actual.ToArray()));
        }
    }

    [Fact]
    public void Decimals_OfEveryScaleAndSign_AreFormattedAsTheSerializerDoes()
    {
        var values = new List<decimal> { 0m, 0.00m, -0.00m, new decimal(0, 0, 0, true, 2), 1m, -1m, 12.50m, -12.50m, 0.05m, -0.05m, 100m, 4294967295m,
            42949672.95m, 42949672.96m, decimal.MaxValue, decimal.MinValue, 0.0000000000000000000000000001m, 1.0000000000000000000000000000m };
        var r = new Random(7);
        for (var i = 0; i < 20000; i++) values.Add(RandomDecimal(r));
        Span<byte> buffer = stackalloc byte[64];
        var framework = new ArrayBufferWriter<byte>();
        foreach (var v in values)
        {
            framework.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(framework)) w.WriteNumberValue(v);
            var n = JsonDecimal.Format(v, buffer);
            Assert.Equal(Encoding.ASCII.GetString(framework.WrittenSpan), Encoding.ASCII.GetString(buffer[..n]));
        }
    }

    [Fact]
    public void AStringLargerThanTheBuffer_IsWrittenWhole()
    {
        var text = new string('x', 1_200_000) + "<&\"é"; // over twice the emitter's 512 KB buffer
        using var actual = new MemoryStream();
        var emitter = new JsonEmitter(actual, indented: false);
        emitter.StartObject();
        emitter.String(S, text);
        emitter.EndObject();
        emitter.Flush();
        Assert.Equal(text, JsonDocument.Parse(actual.ToArray()).RootElement.GetProperty("text").GetString());
    }

    private static decimal RandomDecimal(Random r) => r.Next(6) switch
    {
        0 => new decimal(r.Next(), 0, 0, r.Next(2) == 0, (byte)r.Next(0, 4)),
        1 => new decimal(r.Next(), r.Next(), r.Next(), r.Next(2) == 0, (byte)r.Next(0, 29)),
        2 => new decimal(r.Next(0, 3), 0, 0, r.Next(2) == 0, (byte)r.Next(0, 29)),
        3 => Math.Round((decimal)(r.NextDouble() * 100000), 2),
        4 => new decimal(-1, 0, 0, r.Next(2) == 0, (byte)r.Next(0, 11)),
        _ => -Math.Round((decimal)(r.NextDouble() * 1000), r.Next(0, 5)),
    };

    private static string RandomText(Random r)
    {
        var chars = new char[r.Next(0, 24)];
        for (var i = 0; i < chars.Length; i++)
            chars[i] = r.Next(10) == 0 ? (char)r.Next(128, 0x2FFF) : (char)r.Next(0, 128);
        return new string(chars);
    }

    private interface IWriter
    {
        void StartObject(); void StartObject(JsonEmitter.Name n); void StartArray(JsonEmitter.Name n); void EndObject(); void EndArray();
        void Number(JsonEmitter.Name n, decimal v); void Number(JsonEmitter.Name n, long v); void String(JsonEmitter.Name n, string v);
        void StringValue(string v); void Null(JsonEmitter.Name n); void Boolean(JsonEmitter.Name n, bool v);
    }

    private sealed class EmitterWriter(JsonEmitter e) : IWriter
    {
        public void StartObject() => e.StartObject();
        public void StartObject(JsonEmitter.Name n) => e.StartObject(n);
        public void StartArray(JsonEmitter.Name n) => e.StartArray(n);
        public void EndObject() => e.EndObject();
        public void EndArray() => e.EndArray();
        public void Number(JsonEmitter.Name n, decimal v) => e.Number(n, v);
        public void Number(JsonEmitter.Name n, long v) => e.Number(n, v);
        public void String(JsonEmitter.Name n, string v) => e.String(n, v);
        public void StringValue(string v) => e.StringValue(v);
        public void Null(JsonEmitter.Name n) => e.Null(n);
        public void Boolean(JsonEmitter.Name n, bool v) => e.Boolean(n, v);
    }

    // The framework's writer under the same calls; names looked up by the emitter's name objects.
    private sealed class FrameworkWriter(Utf8JsonWriter w) : IWriter
    {
        private static string Of(JsonEmitter.Name n) =>
            n == A ? "amount" : n == S ? "text" : n == L ? "list" : n == O ? "inner" : n == N ? "count" : "flag";

        public void StartObject() => w.WriteStartObject();
        public void StartObject(JsonEmitter.Name n) => w.WriteStartObject(Of(n));
        public void StartArray(JsonEmitter.Name n) => w.WriteStartArray(Of(n));
        public void EndObject() => w.WriteEndObject();
        public void EndArray() => w.WriteEndArray();
        public void Number(JsonEmitter.Name n, decimal v) => w.WriteNumber(Of(n), v);
        public void Number(JsonEmitter.Name n, long v) => w.WriteNumber(Of(n), v);
        public void String(JsonEmitter.Name n, string v) => w.WriteString(Of(n), v);
        public void StringValue(string v) => w.WriteStringValue(v);
        public void Null(JsonEmitter.Name n) => w.WriteNull(Of(n));
        public void Boolean(JsonEmitter.Name n, bool v) => w.WriteBoolean(Of(n), v);
    }
}
