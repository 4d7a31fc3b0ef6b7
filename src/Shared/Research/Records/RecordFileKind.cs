namespace DenialPipeline.Research.Records;

/// <summary>What a records file holds (<see cref="RecordImporter.DetectKind"/>), and who may import it.</summary>
public enum RecordFileKind { Unknown, X12, Fhir, CsvMappings, PayerIdentities, ContractRates, SubmissionProof, Providers, Payers, AdvanceNotices }
