namespace DenialPipeline.Ingest;

public enum QuarantineState { Pending, Released, Discarded }
