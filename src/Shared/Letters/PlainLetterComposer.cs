using System.Globalization;
using System.Net;
using System.Text;
using DenialPipeline.Cases;

namespace DenialPipeline.Letters;

/// <summary>Which letter an action needs, and a plain HTML draft of it (every value HTML-encoded).</summary>
public static class PlainLetterComposer
{
    public static (string Type, string RecipientKind)? LetterFor(string? action) => action switch
    {
        "Appeal" => ("Appeal", "Payer"),
        "CorrectedClaim" => ("CorrectedClaimCover", "Payer"),
        "ProviderQuery" => ("DocumentationQuery", "Provider"),
        "RequestRetroAuthorization" => ("RetroAuthorizationRequest", "Payer"),
        _ => null,
    };

    public static string Compose(string type, CaseEntity c, ClaimSnapshot? claim, DateOnly today)
    {
        static string E(string? s) => WebUtility.HtmlEncode(s ?? "");
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.Append("<article class=\"letter\" data-type=\"").Append(E(type)).Append("\">");
        sb.Append("<p>").Append(today.ToString("MMMM d, yyyy", inv)).Append("</p>");
        sb.Append("<p>To: ").Append(E(c.PayerName.Length > 0 ? c.PayerName : c.PayerId)).Append("</p>");
        sb.Append("<h1>").Append(type switch
        {
            "Appeal" => "Request for reconsideration of a denied claim",
            "CorrectedClaimCover" => "Corrected claim (frequency 7)",
            "DocumentationQuery" => "Documentation query",
            "RetroAuthorizationRequest" => "Request for retroactive authorization",
            _ => E(type),
        }).Append("</h1>");
        sb.Append("<dl>");
        sb.Append("<dt>Patient account</dt><dd>").Append(E(c.PatientControlNumber)).Append("</dd>");
        sb.Append("<dt>Payer claim number</dt><dd>").Append(E(c.PayerClaimControlNumber)).Append("</dd>");
        if (claim?.PatientName is { } name) sb.Append("<dt>Patient</dt><dd>").Append(E(name)).Append("</dd>");
        if (claim?.ServiceDateStart is { } from)
            sb.Append("<dt>Dates of service</dt><dd>").Append(from.ToString("yyyy-MM-dd", inv))
              .Append(claim.ServiceDateEnd is { } to && to != from ? " to " + to.ToString("yyyy-MM-dd", inv) : "").Append("</dd>");
        sb.Append("<dt>Billed</dt><dd>").Append(Money.Format(c.ChargeAmount)).Append("</dd>");
        sb.Append("<dt>Denied</dt><dd>").Append(Money.Format(c.DeniedAmount)).Append("</dd>");
        sb.Append("</dl>");
        sb.Append("<p>Reason given: ").Append(E(c.Summary)).Append("</p>");
        sb.Append("<p>Adjustment codes: ").Append(E(c.ReasonCodes.Replace(",", ", "))).Append("</p>");
        sb.Append("<p>Case reference: ").Append(E(c.CaseId)).Append("</p>");
        sb.Append("</article>");
        return sb.ToString();
    }
}
