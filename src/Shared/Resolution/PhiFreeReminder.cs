namespace DenialPipeline.Resolution;

/// <summary>The only words a reminder carries: no names, dates, ids of the claim, codes or amounts.</summary>
public static class PhiFreeReminder
{
    public const string Subject = "A case needs your attention";

    public static string Text(string link) =>
        $"A denial case assigned to you is close to (or past) its deadline.\n\nSign in to open it: {link}\n\nThis message contains no patient information.";

    public static string Html(string link) =>
        $"<p>A denial case assigned to you is close to (or past) its deadline.</p><p><a href=\"{System.Net.WebUtility.HtmlEncode(link)}\">Sign in to open it</a></p><p>This message contains no patient information.</p>";
}
