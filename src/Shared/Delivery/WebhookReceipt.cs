namespace DenialPipeline.Delivery;

/// <summary>The webhook's answer: events in the batch, and how many changed a letter (the rest were ignored or seen before).</summary>
public sealed record WebhookReceipt(int Received, int Applied);
