namespace DenialPipeline.X12;

public enum ClaimKind837 { Unknown, Professional, Institutional }
