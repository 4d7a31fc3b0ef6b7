namespace DenialPipeline.Pipeline;

/// <param name="Deferrals">How many times delivery was put off because SendGrid asked to wait longer than the handler waits (Retry-After) or was unavailable (an outage).</param>
public sealed record DeliveryRequested(string LetterId, int Version, int Deferrals = 0);
