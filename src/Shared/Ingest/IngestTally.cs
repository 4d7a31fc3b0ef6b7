namespace DenialPipeline.Ingest;

/// <summary>What one ingest of a file counted; <see cref="Created"/> is incremented by concurrent case openings.</summary>
internal sealed class IngestTally
{
    public int Transactions, Claims, Denied, Reversals, Warnings, Errors;
    public int Created;

    /// <summary>Cases whose research waits until the file's payments are recorded (duplicate denials).</summary>
    public readonly System.Collections.Concurrent.ConcurrentQueue<string> AfterPayments = new();
}
