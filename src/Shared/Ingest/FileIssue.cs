using DenialPipeline.Cases;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Ingest;

/// <summary>
/// A warning or error in a file, as users see it: where (segment number, byte offset; in a CSV report the row and column,
/// segment and byte then 0) and what. Row and column are left out of the JSON of an 835's issues, which stay as they were.
/// </summary>
public sealed record FileIssue(string Severity, string Code, string Message, long SegmentIndex, long ByteOffset, string? Transaction, string? Claim)
{
    /// <summary>CSV report: the 1-based row as a spreadsheet shows it (header = 1).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? Row { get; init; }

    /// <summary>CSV report: the header column the issue is about, when it is about one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Column { get; init; }

    public static FileIssue From(X12Issue issue) =>
        new(issue.Severity.ToString(), issue.Code, issue.Message, issue.Position.SegmentIndex, issue.Position.ByteOffset, issue.TransactionControlNumber, issue.PatientControlNumber)
        {
            Row = issue.Row,
            Column = issue.Column,
        };
}
