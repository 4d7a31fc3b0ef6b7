using DenialPipeline.Mail;
using DenialPipeline.Pipeline;
using System.Net;
using DenialPipeline.Cases;
using DenialPipeline.Letters;
using DenialPipeline.Storage;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SendGrid;
using SendGrid.Helpers.Mail;

namespace DenialPipeline.Delivery;

/// <summary>The only words an email carries: no names, dates, ids, codes or amounts.</summary>
public static class PhiFreeEmail
{
    public const string Subject = "A letter is ready for you";

    public static string Text(string link) =>
        $"A letter from the denial-resolution team is ready for you.\n\nSign in to read it: {link}\n\nThis message contains no patient information.";

    public static string Html(string link) =>
        $"<p>A letter from the denial-resolution team is ready for you.</p><p><a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">Sign in to read it</a></p><p>This message contains no patient information.</p>";
}
