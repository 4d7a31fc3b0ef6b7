using Azure;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;

namespace DenialPipeline.FunctionsHost;

/// <summary>
/// Feeds one queue-triggered function from its queue, as the Storage Queues extension's QueueListener and QueueProcessor
/// do: receive up to <c>batchSize</c> messages and hold them for the function timeout, fetch more once no more than
/// <c>newBatchThreshold</c> are running, back off (doubling up to <c>maxPollingInterval</c>) while the queue is empty;
/// on success delete the message, on failure make it visible again after <c>visibilityTimeout</c>, and once it has been
/// dequeued <c>maxDequeueCount</c> times copy it to <c>&lt;queue&gt;-poison</c> and delete it. A message that is not
/// valid Base64 (with Base64 encoding) goes to the poison queue at once. Lease renewal is not emulated.
/// </summary>
internal sealed class QueueTriggerListener : IAsyncDisposable
{
    private static readonly TimeSpan MinPollingInterval = TimeSpan.FromMilliseconds(100);
    private readonly QueueClient _queue;
    private readonly QueueClient _poison;
    private readonly QueueSettings _settings;
    private readonly Func<QueueMessage, CancellationToken, Task> _invoke;
    private readonly Action<string> _log;
    private readonly CancellationTokenSource _stop = new();
    private Task _loop = Task.CompletedTask;

    public QueueTriggerListener(string connectionString, string queueName, QueueSettings settings, Func<QueueMessage, CancellationToken, Task> invoke, Action<string> log)
    {
        var encoding = settings.Base64 ? QueueMessageEncoding.Base64 : QueueMessageEncoding.None;
        var options = new QueueClientOptions { MessageEncoding = encoding };
        options.MessageDecodingFailed += OnDecodingFailedAsync;
        _queue = new QueueClient(connectionString, queueName, options);
        _poison = new QueueClient(connectionString, queueName + "-poison", new QueueClientOptions { MessageEncoding = encoding });
        (_settings, _invoke, _log) = (settings, invoke, log);
    }

    public string QueueName => _queue.Name;

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var running = new List<Task>();
        var delay = MinPollingInterval;
        while (!cancellationToken.IsCancellationRequested)
        {
            running.RemoveAll(t => t.IsCompleted);
            if (running.Count > _settings.NewBatchThreshold)
            {
                await Task.WhenAny(running).WaitAsync(cancellationToken).ConfigureAwait(false);
                continue;
            }
            QueueMessage[] batch;
            try
            {
                batch = (await _queue.ReceiveMessagesAsync(_settings.BatchSize, _settings.FunctionTimeout, cancellationToken).ConfigureAwait(false)).Value;
            }
            catch (RequestFailedException ex) when (ex.Status == 404)
            {
                batch = []; // the queue does not exist (yet): keep polling, as the extension does
            }
            catch (RequestFailedException ex)
            {
                // Storage unreachable or refusing: the listener keeps polling at its slowest rate instead of dying.
                _log($"[host] polling {QueueName} failed ({ex.Status} {ex.ErrorCode ?? ex.Message}); trying again in {_settings.MaxPollingInterval}");
                await Task.Delay(_settings.MaxPollingInterval, cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (batch.Length == 0)
            {
                await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, _settings.MaxPollingInterval.Ticks));
                continue;
            }
            delay = MinPollingInterval;
            running.AddRange(batch.Select(m => ProcessAsync(m, cancellationToken)));
        }
    }

    private async Task ProcessAsync(QueueMessage message, CancellationToken cancellationToken)
    {
        try
        {
            await _invoke(message, cancellationToken).ConfigureAwait(false);
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt, CancellationToken.None).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the message becomes visible again when its lease ends, as when a host instance goes away.
        }
        catch (Exception ex)
        {
            try { await ReleaseAsync(message, ex).ConfigureAwait(false); }
            catch (RequestFailedException release) { _log($"[host] could not release message {message.MessageId} of {QueueName}: {release.Message}"); }
        }
    }

    private async Task ReleaseAsync(QueueMessage message, Exception error)
    {
        if (message.DequeueCount >= _settings.MaxDequeueCount)
        {
            _log($"[host] message {message.MessageId} of {QueueName} failed {message.DequeueCount} times: moving it to {_poison.Name} ({error.GetType().Name})");
            await _poison.CreateIfNotExistsAsync().ConfigureAwait(false);
            await _poison.SendMessageAsync(message.Body).ConfigureAwait(false);
            await _queue.DeleteMessageAsync(message.MessageId, message.PopReceipt).ConfigureAwait(false);
            return;
        }
        _log($"[host] message {message.MessageId} of {QueueName} failed (attempt {message.DequeueCount}): visible again in {_settings.VisibilityTimeout}");
        await _queue.UpdateMessageAsync(message.MessageId, message.PopReceipt, visibilityTimeout: _settings.VisibilityTimeout).ConfigureAwait(false);
    }

    private async Task OnDecodingFailedAsync(QueueMessageDecodingFailedEventArgs args)
    {
        if (args.ReceivedMessage is not { } message) return;
        _log($"[host] message {message.MessageId} of {QueueName} could not be decoded: moving it to {_poison.Name}");
        await _poison.CreateIfNotExistsAsync().ConfigureAwait(false);
        await _poison.SendMessageAsync(message.Body).ConfigureAwait(false);
        await args.Queue.DeleteMessageAsync(message.MessageId, message.PopReceipt).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
