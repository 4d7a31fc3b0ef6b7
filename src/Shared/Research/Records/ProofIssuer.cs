namespace DenialPipeline.Research.Records;

/// <summary>Who issued an acknowledgment: the payer itself (277CA NM1*PR) or a clearinghouse (NM1*AY); unknown when not stated.</summary>
public enum ProofIssuer { Unknown, Payer, Clearinghouse }
