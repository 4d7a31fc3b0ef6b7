using DenialPipeline.X12;

namespace DenialPipeline.Research.Records;

/// <summary>One 835 service line and the submitted line it belongs to (null when unmatched).</summary>
public sealed record LineMatch(int LineIndex, ServiceLine Line, SubmittedLine? Submitted, LineMatchMethod Method, string Explanation);
