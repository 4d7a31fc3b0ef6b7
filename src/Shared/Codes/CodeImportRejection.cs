namespace DenialPipeline.Codes;

/// <summary>A row of an official code list that was not taken, with its 1-based row number in the file.</summary>
public sealed record CodeImportRejection(int Row, string? Code, string Reason);
