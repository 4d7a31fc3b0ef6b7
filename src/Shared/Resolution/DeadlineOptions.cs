using System.ComponentModel.DataAnnotations;
using SendGrid.Helpers.Mail;

namespace DenialPipeline.Resolution;

/// <summary>Settings section "Deadlines".</summary>
public sealed class DeadlineOptions
{
    public const string Section = "Deadlines";

    /// <summary>Who gets the reminder when a case has no assigned coder (or the assignee is not an email address).</summary>
    [Required, EmailAddress]
    public string TeamEmail { get; set; } = "denials-team@localhost.test";
}
