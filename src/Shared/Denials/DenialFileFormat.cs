namespace DenialPipeline.Denials;

public enum DenialFileFormat { X12_835, CsvReport }
