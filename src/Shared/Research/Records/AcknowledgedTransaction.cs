namespace DenialPipeline.Research.Records;

/// <summary>One transaction set a 999 acknowledges: the 837's GS06 and ST02, whether it was accepted, and when.</summary>
public sealed record AcknowledgedTransaction(string GroupControlNumber, string TransactionControlNumber, string Code, DateOnly Date, int SegmentIndex)
{
    /// <summary>IK5 A (accepted) or E (accepted with errors): the claims in it reached the payer.</summary>
    public bool Accepted => Code is "A" or "E";

    public string Batch => $"{GroupControlNumber}/{TransactionControlNumber}";
}
