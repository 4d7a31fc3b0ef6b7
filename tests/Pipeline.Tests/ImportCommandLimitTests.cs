using DenialPipeline.LocalHost;
using DenialPipeline.Research.Records;

namespace DenialPipeline.Pipeline.Tests;

/// <summary>Issue #22: <c>import</c> refuses a records file above <see cref="RecordsImport.MaxBytes"/> before opening storage or reading it.</summary>
public sealed class ImportCommandLimitTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("import-limit-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task AFileOneByteOverTheLimit_IsRefused_WithUsageExitCode()
    {
        var path = Path.Combine(_dir, "bundle.json");
        // Sparse: the size is what is checked, the bytes are never read.
        await using (var fs = File.Create(path)) fs.SetLength(RecordsImport.MaxBytes + 1);
        Assert.Equal(2, await ImportCommand.ExecuteAsync([path]));
    }
}
