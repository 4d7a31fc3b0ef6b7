namespace DenialPipeline.Research.Records;

public enum PayerKind { Commercial, Medicare, MedicareAdvantage, Medicaid }
