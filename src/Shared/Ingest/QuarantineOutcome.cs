namespace DenialPipeline.Ingest;

public enum QuarantineOutcome { Done, NotFound, NotQuarantined, Changed, BlobMissing }
