using System.ComponentModel.DataAnnotations;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Delivery;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace DenialPipeline.Resolution;

public sealed record SweepResult(int CasesChecked, int Reminded, int FlaggedMissed, int MailFailures)
{
    /// <summary>True when this run did nothing because another sweep (another host, or the <c>sweep</c> command) was running.</summary>
    public bool AnotherSweepRunning { get; init; }
}
