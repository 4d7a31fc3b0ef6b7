namespace DenialPipeline.Research.Records;

/// <summary>What a records file was read as, the rows to store and the rows it could not use.</summary>
internal sealed record RecordFileRead(string Format, List<RecordEntity> Entities, List<ImportRejection> Rejections);
