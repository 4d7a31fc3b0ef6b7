namespace DenialPipeline.X12;

/// <summary>What <c>Remittance835Reader.ReadAsync</c> yields, in file order, so a caller never holds the whole file.</summary>
public abstract record RemittanceEvent;
