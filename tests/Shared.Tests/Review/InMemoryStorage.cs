using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace DenialPipeline.Tests.Review;

/// <summary>
/// Just enough of Table and Queue Storage, in memory, for the review handlers: point reads, ETag-conditional updates and
/// entity-group transactions (all or nothing), and sent queue messages. Rows are stored as copies, so a handler's
/// changes count only once written.
/// </summary>
internal sealed class InMemoryTables : TableServiceClient
{
    private readonly Dictionary<string, InMemoryTable> _tables = [];

    public override TableClient GetTableClient(string tableName)
    {
        lock (_tables)
        {
            if (!_tables.TryGetValue(tableName, out var t)) _tables[tableName] = t = new InMemoryTable();
            return t;
        }
    }

    public InMemoryTable Table(string name) => (InMemoryTable)GetTableClient(name);
}

internal sealed class InMemoryTable : TableClient
{
    private readonly Dictionary<(string, string), (object Row, ETag ETag)> _rows = [];
    private int _etags;

    /// <summary>Every transaction committed, as the rows it wrote (to check that a change and its history row went together).</summary>
    public List<IReadOnlyList<ITableEntity>> Transactions { get; } = [];

    public IEnumerable<T> Rows<T>() where T : class, ITableEntity
    {
        lock (_rows) return _rows.Values.Select(r => r.Row).OfType<T>().Select(Copy).ToList();
    }

    public void Put<T>(T entity) where T : class, ITableEntity
    {
        lock (_rows) Store(entity);
    }

    private ETag Store(ITableEntity entity)
    {
        var etag = new ETag($"W/\"{++_etags}\"");
        var copy = Copy(entity);
        copy.ETag = etag;
        _rows[(entity.PartitionKey, entity.RowKey)] = (copy, etag);
        return etag;
    }

    [UnconditionalSuppressMessage("Trimming", "IL2026", Justification = "tests")]
    private static T Copy<T>(T entity) where T : ITableEntity
    {
        var copy = (T)JsonSerializer.Deserialize(JsonSerializer.Serialize(entity, entity.GetType()), entity.GetType())!;
        copy.ETag = entity.ETag;
        return copy;
    }

    /// <summary>How many point reads were made.</summary>
    public int Reads { get; private set; }

    public override Task<NullableResponse<T>> GetEntityIfExistsAsync<T>(string partitionKey, string rowKey, IEnumerable<string>? select = null, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            Reads++;
            NullableResponse<T> r = _rows.TryGetValue((partitionKey, rowKey), out var row) && row.Row is T t
                ? Response.FromValue(Copy(t), new FakeResponse(200, row.ETag))
                : new NoValue<T>();
            return Task.FromResult(r);
        }
    }

    public override Task<Response> UpdateEntityAsync<T>(T entity, ETag ifMatch, TableUpdateMode mode = TableUpdateMode.Merge, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            if (!_rows.TryGetValue((entity.PartitionKey, entity.RowKey), out var row)) throw new RequestFailedException(404, "not found");
            if (ifMatch != ETag.All && row.ETag != ifMatch) throw new RequestFailedException(412, "precondition failed");
            return Task.FromResult<Response>(new FakeResponse(204, Store(entity)));
        }
    }

    public override Task<Response> AddEntityAsync<T>(T entity, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            if (_rows.ContainsKey((entity.PartitionKey, entity.RowKey))) throw new RequestFailedException(409, "exists");
            return Task.FromResult<Response>(new FakeResponse(204, Store(entity)));
        }
    }

    public override Task<Response<IReadOnlyList<Response>>> SubmitTransactionAsync(IEnumerable<TableTransactionAction> transactionActions, CancellationToken cancellationToken = default)
    {
        lock (_rows)
        {
            var actions = transactionActions.ToList();
            foreach (var a in actions)
            {
                var exists = _rows.TryGetValue((a.Entity.PartitionKey, a.Entity.RowKey), out var row);
                var ok = a.ActionType switch
                {
                    TableTransactionActionType.Add => !exists,
                    TableTransactionActionType.UpdateReplace or TableTransactionActionType.UpdateMerge => exists && (a.ETag == ETag.All || a.ETag == row.ETag),
                    _ => true,
                };
                if (!ok) throw new TableTransactionFailedException(new RequestFailedException(exists ? 412 : 409, "transaction failed"));
            }
            var responses = actions.Select(a => (Response)new FakeResponse(204, Store(a.Entity))).ToList();
            Transactions.Add(actions.Select(a => a.Entity).ToList());
            return Task.FromResult(Response.FromValue<IReadOnlyList<Response>>(responses, new FakeResponse(202, default)));
        }
    }

    private sealed class NoValue<T> : NullableResponse<T>
    {
        public override bool HasValue => false;
        public override T? Value => default;
        public override Response GetRawResponse() => new FakeResponse(404, default);
    }
}

/// <summary>Records what was sent to each queue.</summary>
internal sealed class InMemoryQueues : QueueServiceClient
{
    public List<(string Queue, string Message)> Sent { get; } = [];

    /// <summary>The visibility delay a message was sent with, by its index in <see cref="Sent"/>.</summary>
    public Dictionary<int, TimeSpan?> Delays { get; } = [];

    public override QueueClient GetQueueClient(string queueName) => new Queue(this, queueName);

    private sealed class Queue(InMemoryQueues owner, string name) : QueueClient
    {
        public override Task<Response<SendReceipt>> SendMessageAsync(string messageText, CancellationToken cancellationToken = default)
        {
            lock (owner.Sent) owner.Sent.Add((name, messageText));
            var receipt = QueuesModelFactory.SendReceipt("m", DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(7), "pop", DateTimeOffset.UtcNow);
            return Task.FromResult(Response.FromValue(receipt, new FakeResponse(201, default)));
        }

        public override Task<Response<SendReceipt>> SendMessageAsync(string messageText, TimeSpan? visibilityTimeout = null, TimeSpan? timeToLive = null, CancellationToken cancellationToken = default)
        {
            lock (owner.Sent) owner.Delays[owner.Sent.Count] = visibilityTimeout;
            return SendMessageAsync(messageText, cancellationToken);
        }
    }
}

/// <summary>A blob service the handlers under test never reach.</summary>
internal sealed class NoBlobs : BlobServiceClient;

internal sealed class FakeResponse(int status, ETag etag) : Response
{
    public override int Status => status;
    public override string ReasonPhrase => "";
    public override Stream? ContentStream { get; set; }
    public override string ClientRequestId { get; set; } = "";
    public override void Dispose() { }
    protected override bool ContainsHeader(string name) => TryGetHeader(name, out _);
    protected override IEnumerable<HttpHeader> EnumerateHeaders() => etag == default ? [] : [new HttpHeader("ETag", etag.ToString())];
    protected override bool TryGetHeader(string name, [NotNullWhen(true)] out string? value)
    {
        value = name.Equals("ETag", StringComparison.OrdinalIgnoreCase) && etag != default ? etag.ToString() : null;
        return value is not null;
    }
    protected override bool TryGetHeaderValues(string name, [NotNullWhen(true)] out IEnumerable<string>? values)
    {
        values = TryGetHeader(name, out var v) ? [v] : null;
        return values is not null;
    }
}
