namespace DenialPipeline.X12;

/// <summary>Where a segment sits in the file: 1-based segment number and byte offset of its first byte.</summary>
public readonly record struct X12Position(long SegmentIndex, long ByteOffset);
