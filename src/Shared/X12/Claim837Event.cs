namespace DenialPipeline.X12;

/// <summary>What <c>Claim837Reader.ReadEventsAsync</c> yields.</summary>
public abstract record Claim837Event;
