namespace DenialPipeline.Research.Records;

public enum ProofSource { Ack999, Ack277CA, Csv }
