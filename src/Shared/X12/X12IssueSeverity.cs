namespace DenialPipeline.X12;

public enum X12IssueSeverity { Warning, Error }
