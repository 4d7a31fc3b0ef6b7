using DenialPipeline.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Queues;
using DenialPipeline.Cases;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;

namespace DenialPipeline.Tests.Research;

/// <summary>
/// Issue #22: a records file (837, 277CA/999, FHIR bundle, CSV) is read whole, so its size has a stated limit with a
/// clear error at the entry point: a file at the limit may be imported, one byte more is refused before any storage call.
/// </summary>
public sealed class RecordsImportLimitTests
{
    [Fact]
    public void AtTheLimit_Fits_OneByteOver_IsRefusedWithFileSizeLimitAndWhatToDo()
    {
        Assert.Null(RecordsImport.TooLarge("bundle.json", RecordsImport.MaxBytes));
        var error = RecordsImport.TooLarge("/exports/bundle.json", RecordsImport.MaxBytes + 1);
        Assert.NotNull(error);
        Assert.StartsWith($"bundle.json is {RecordsImport.MaxBytes + 1:N0} bytes, above the limit of {RecordsImport.MaxBytes:N0} bytes", error, StringComparison.Ordinal);
        Assert.Contains("Split it", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ImportAsync_OneByteOverTheLimit_ThrowsTheErrorBeforeAnyStorageCall()
    {
        // Clients pointed at a port nothing listens on, with a key of zeros (no request is ever signed and sent): the
        // refusal must come before any request.
        var nowhere = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + Convert.ToBase64String(new byte[64]) +
            ";TableEndpoint=http://127.0.0.1:9/devstoreaccount1;QueueEndpoint=http://127.0.0.1:9/devstoreaccount1;";
        var tables = new TableServiceClient(nowhere);
        var import = new RecordsImport(new RecordImporter(new RecordStore(tables)), new CaseStore(tables, TimeProvider.System),
            new PipelineQueues(new QueueServiceClient(nowhere)), tables, TimeProvider.System, new DenialPipeline.Identities.PayerIdentityStore(tables));
        var e = await Assert.ThrowsAsync<ArgumentException>(() => import.ImportAsync("claims.837", new byte[RecordsImport.MaxBytes + 1]));
        Assert.StartsWith($"claims.837 is {RecordsImport.MaxBytes + 1:N0} bytes", e.Message, StringComparison.Ordinal);
    }
}
