using System.Text.Json;
using DenialPipeline.Metrics;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Ingest;

/// <summary>One ingest of one file: what it counted and kept while reading, and how that is written onto the file's row.</summary>
internal sealed class IngestRun(string fileId, TransactionGate gate)
{
    public string FileId { get; } = fileId;
    /// <summary>Which transactions this file's sender may not send (held in quarantine: they open, close and record nothing).</summary>
    public TransactionGate Gate { get; } = gate;
    public IngestTally Tally { get; } = new();
    public ClaimsReceived Received { get; } = new();
    public List<FileIssue> Issues { get; } = [];
    public string? CsvMapping { get; set; }
    public string? Sha256 { get; set; }
    public long Bytes { get; set; }

    /// <summary>Counts an event of the file (transactions, claims, issues); returns it for the caller to act on, or null for a held claim.</summary>
    public RemittanceEvent? Count(RemittanceEvent evt)
    {
        switch (evt)
        {
            case TransactionStarted { Transaction: var started }:
                Tally.Transactions++;
                Gate.Started(started);
                break;
            case IssueFound { Issue: var issue }:
                if (issue.Severity == X12IssueSeverity.Error) Tally.Errors++; else Tally.Warnings++;
                if (Issues.Count < IngestHandler.MaxIssuesKept) Issues.Add(FileIssue.From(issue));
                break;
            case ClaimRead { Claim: var claim, Transaction: var tx }:
                Tally.Claims++;
                if (Gate.Holds(tx)) return null; // quarantined: opens, closes and records nothing
                Received.Add(tx, claim);
                if (claim.Reversal) Tally.Reversals++;
                break;
        }
        return evt;
    }

    /// <summary>
    /// Writes this run's outcome onto the row (read again after a conflicting write: this run's new cases are added to
    /// what earlier runs created).
    /// </summary>
    public void WriteTo(RemittanceFileEntity file, Uploader? uploader)
    {
        var t = Tally;
        file.ContentSha256 = Sha256;
        file.Bytes = Bytes;
        file.Transactions = t.Transactions;
        file.ClaimsRead = t.Claims;
        file.DeniedClaims = t.Denied;
        file.CasesCreated += t.Created;
        file.Reversals = t.Reversals;
        file.WarningCount = t.Warnings;
        file.ErrorCount = t.Errors;
        file.IssuesJson = JsonSerializer.Serialize(Issues, MessageJson.Options);
        file.CsvMapping = CsvMapping;
        var empty = t.Transactions == 0 && t.Claims == 0;
        file.Status = t.Errors > 0 || empty ? nameof(FileStatus.ProcessedWithErrors) : nameof(FileStatus.Processed);
        if (empty && t.Errors == 0)
        {
            file.ErrorCount = 1;
            file.IssuesJson = JsonSerializer.Serialize(new[] { new FileIssue("Error", "NoTransactions", "The file holds no 835 transaction (no ST*835 … SE was found).", 0, 0, null, null) }, MessageJson.Options);
        }
        SetUploader(file, uploader);
        var quarantine = Gate.Merge(file.Quarantine());
        file.QuarantineJson = quarantine is null ? null : JsonSerializer.Serialize(quarantine, MessageJson.Options);
        if (quarantine?.Pending.Any() == true) file.Status = nameof(FileStatus.Quarantined);
        file.FailureReason = null; // a retried file that failed before
    }

    /// <summary>Copies who uploaded the file (the blob's metadata, set by <c>POST /api/files</c>) onto its row.</summary>
    public static void SetUploader(RemittanceFileEntity file, Uploader? uploader)
    {
        if (uploader is null) return;
        file.UploadedBy = uploader.Actor;
        file.UploadedByRole = uploader.Role.Length > 0 ? uploader.Role : null;
        file.UploadedById = uploader.ObjectId;
    }
}
