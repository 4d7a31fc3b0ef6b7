namespace DenialPipeline.Resolution;

/// <summary>Where an index row lives: one partition per payer, one row per claim number.</summary>
public readonly record struct IndexKey(string Partition, string Row);
