using System.Globalization;
using Fluid.Values;

namespace DenialPipeline.Letters;

/// <summary>Turns a <see cref="LetterContext"/> into the values a template sees, each with its path and label.</summary>
internal sealed class LetterModel
{
    private readonly MissingFieldCollector _missing;

    private LetterModel(MissingFieldCollector missing) => _missing = missing;

    public static IReadOnlyDictionary<string, FluidValue> Build(
        LetterType type, LetterContext c, LetterRecipient recipient, MissingFieldCollector missing) =>
        new LetterModel(missing).BuildAll(type, c, recipient);

    public static bool IsProviderLetter(LetterType type) =>
        type is LetterType.DocumentationQuery or LetterType.CodingClarificationQuery;

    /// <summary>Letters filed with an office named on the previous decision's notice (QIC, OMHA, the Appeals Council), not with the payer's appeal unit.</summary>
    public static bool IsOfficeLetter(LetterType type) =>
        type is LetterType.MedicareReconsideration or LetterType.AljHearingRequest or LetterType.CouncilReviewRequest;

    public static LetterRecipient RecipientFor(LetterType type, LetterContext c)
    {
        if (IsProviderLetter(type))
        {
            var provider = c.Provider;
            var name = Blank(provider?.AttendingName) ?? Blank(provider?.Name);
            return Blank(provider?.Email) is { } email ? new LetterRecipient(RecipientKind.Provider, name, DeliveryChannel.Email, email)
                : provider?.Address is { } address ? new LetterRecipient(RecipientKind.Provider, name, DeliveryChannel.Mail, string.Join('\n', address.Lines()))
                : new LetterRecipient(RecipientKind.Provider, name, DeliveryChannel.Unknown, null);
        }

        if (IsOfficeLetter(type))
        {
            // Never the MAC's appeal address, fax or portal: only the office the notice names, once a coder entered it.
            var office = c.AppealOffice;
            return office?.Address is { } officeAddress
                ? new LetterRecipient(RecipientKind.Payer, Blank(office.Name), DeliveryChannel.Mail, string.Join('\n', officeAddress.Lines()))
                : new LetterRecipient(RecipientKind.Payer, Blank(office?.Name), DeliveryChannel.Unknown, null);
        }

        var payer = c.Payer;
        var payerName = Blank(payer?.Name);
        return Blank(payer?.AppealPortalUrl) is { } portal ? new LetterRecipient(RecipientKind.Payer, payerName, DeliveryChannel.Portal, portal)
            : Blank(payer?.AppealFax) is { } fax ? new LetterRecipient(RecipientKind.Payer, payerName, DeliveryChannel.Fax, fax)
            : payer?.AppealAddress is { } postal ? new LetterRecipient(RecipientKind.Payer, payerName, DeliveryChannel.Mail, string.Join('\n', postal.Lines()))
            : new LetterRecipient(RecipientKind.Payer, payerName, DeliveryChannel.Unknown, null);
    }

    private Dictionary<string, FluidValue> BuildAll(LetterType type, LetterContext c, LetterRecipient recipient) =>
        new(StringComparer.Ordinal)
        {
            ["letter"] = Mapped("letter",
                ("date", "letterDate", "Letter date", Date(c.LetterDate, LongDate)),
                ("caseId", "caseId", "Case id", c.CaseId),
                ("type", "letterType", "Letter type", type.ToString())),
            ["recipient"] = Recipient(type, c, recipient),
            ["payer"] = Payer(c.Payer),
            ["provider"] = Provider(c.Provider),
            ["patient"] = Patient(type, c),
            ["claim"] = Claim(c.Claim),
            ["serviceLines"] = ServiceLines(c.ServiceLines),
            ["denialReasons"] = List("denialReasons", "Denial reasons (CARC)", c.DenialReasons, (reason, p) => Record(p,
                ("groupCode", "Adjustment group code", reason.GroupCode),
                ("reasonCode", "Claim adjustment reason code (CARC)", reason.ReasonCode),
                ("description", "CARC description", reason.Description),
                ("amount", "Adjustment amount", Money(reason.Amount)),
                ("rebuttal", $"Why CARC {reason.ReasonCode ?? "?"} does not apply (rebuttal from the evidence)", reason.Rebuttal))),
            ["remarks"] = List("remarks", "Remark codes (RARC)", c.Remarks, (remark, p) => Record(p,
                ("code", "Remark code", remark.Code),
                ("text", $"Text of remark code {remark.Code}", remark.Text))),
            ["evidence"] = List("evidence", "Supporting evidence", c.Evidence, (sentence, p) => Field(p, "Evidence sentence", sentence)),
            ["authorization"] = Mapped("authorization",
                ("number", "authorizationNumber", "Authorization number", c.AuthorizationNumber)),
            ["timelyFiling"] = Mapped("timelyFiling",
                ("submittedOn", "timelyFilingProof.submittedOn", "Date the claim was first submitted", Date(c.TimelyFilingProof?.SubmittedOn, ShortDate)),
                ("source", "timelyFilingProof.source", "Proof of timely submission (e.g. 999/277CA acceptance)", c.TimelyFilingProof?.Source),
                ("reference", "timelyFilingProof.reference", "Acknowledgement or tracking number", c.TimelyFilingProof?.Reference)),
            ["enclosures"] = List("enclosures", "Enclosures", c.Enclosures, (item, p) => Field(p, "Enclosure", item)),
            ["request"] = Mapped("request",
                ("action", "actionRequested", "Action requested", c.ActionRequested),
                ("appealLevel", "appealLevel", "Appeal level", c.AppealLevel?.ToString(CultureInfo.InvariantCulture)),
                ("deadline", "deadline", IsProviderLetter(type) ? "Answer-by date" : "Appeal deadline", Date(c.Deadline, LongDate))),
            ["query"] = Record("query",
                ("question", "Question for the provider", c.Query?.Question),
                ("missingInformation", "What is missing or unclear in the record", c.Query?.MissingInformation)),
            ["queryOptions"] = List("query.responseOptions", "Response options", c.Query?.ResponseOptions ?? [], (item, p) => Field(p, "Response option", item)),
            ["reopening"] = Record("reopening",
                ("field", "Field in error", c.Reopening?.Field),
                ("where", "Line or claim in error", c.Reopening?.Where),
                ("asProcessed", "Value as processed", c.Reopening?.AsProcessed),
                ("corrected", "Correct value (from the documentation)", c.Reopening?.Corrected),
                ("goodCause", "Good cause for a reopening after one year", c.Reopening?.GoodCause)),
            ["office"] = Office(type, c.AppealOffice),
            ["controversy"] = Mapped("controversy",
                ("amount", "amountInControversy.amount", "Amount in controversy", Money(c.AmountInControversy?.Amount)),
                ("year", "amountInControversy.year", "Calendar year of the threshold", c.AmountInControversy?.Year?.ToString(CultureInfo.InvariantCulture)),
                ("threshold", "amountInControversy.threshold", "ALJ amount-in-controversy threshold", Money(c.AmountInControversy?.Threshold)),
                ("source", "amountInControversy.source", "Source of the threshold", c.AmountInControversy?.Source)),
        };

    private RecordValue Recipient(LetterType type, LetterContext c, LetterRecipient recipient)
    {
        var channel = recipient.Channel == DeliveryChannel.Unknown ? null : recipient.Channel.ToString();
        if (IsProviderLetter(type))
            return Mapped("recipient",
                ("name", "provider.attendingName", "Attending provider name", recipient.Name),
                ("address", "provider.email", "Provider email or address", InsideAddress(type, c, recipient)),
                ("channel", "provider.email", "Provider email or address", channel));
        if (IsOfficeLetter(type))
        {
            var (nameLabel, addressLabel) = OfficeLabels(type);
            return Mapped("recipient",
                ("name", "appealOffice.name", nameLabel, recipient.Name),
                ("address", "appealOffice.address", addressLabel, InsideAddress(type, c, recipient)),
                ("channel", "appealOffice.address", addressLabel, channel));
        }
        return Mapped("recipient",
            ("name", "payer.name", "Payer name", recipient.Name),
            ("address", "payer.appealAddress", "Payer appeal address, fax or portal", InsideAddress(type, c, recipient)),
            ("channel", "payer.appealAddress", "Payer appeal address, fax or portal", channel));
    }

    private static (string Name, string Address) OfficeLabels(LetterType type) => type switch
    {
        LetterType.AljHearingRequest => ("OMHA office named on the QIC's reconsideration notice", "Address of the OMHA office named on the reconsideration notice"),
        LetterType.CouncilReviewRequest => ("Medicare Appeals Council, as named on the ALJ decision's notice", "Filing address (or DAB E-File) named on the ALJ decision's notice"),
        _ => ("QIC named on the redetermination notice", "Address of the QIC named on the redetermination notice"),
    };

    private RecordValue Office(LetterType type, AppealOffice? office)
    {
        var (nameLabel, addressLabel) = OfficeLabels(type);
        return Mapped("office",
            ("name", "appealOffice.name", nameLabel, office?.Name),
            ("address", "appealOffice.address", addressLabel, Lines(office?.Address)),
            ("appealNumber", "appealOffice.appealNumber", "Appeal number on the previous decision's notice", office?.AppealNumber));
    }

    private RecordValue Payer(PayerInfo? payer) => Record("payer",
        ("name", "Payer name", payer?.Name),
        ("id", "Payer id", payer?.Id),
        ("kind", "Payer kind", payer?.Kind.ToString()),
        ("appealDepartment", "Payer appeal department", payer?.AppealDepartment),
        ("appealAddress", "Payer appeal address", Lines(payer?.AppealAddress)),
        ("appealFax", "Payer appeal fax", payer?.AppealFax),
        ("appealPortalUrl", "Payer appeal portal", payer?.AppealPortalUrl));

    private RecordValue Provider(ProviderInfo? provider) => Record("provider",
        ("name", "Provider name", provider?.Name),
        ("npi", "Provider NPI", provider?.Npi),
        ("ptan", "Provider PTAN", provider?.Ptan),
        ("address", "Provider address", Lines(provider?.Address)),
        ("phone", "Provider phone", provider?.Phone),
        ("email", "Provider email", provider?.Email),
        ("attendingName", "Attending provider name", provider?.AttendingName),
        ("signerName", "Signer name", provider?.SignerName),
        ("signerTitle", "Signer title", provider?.SignerTitle));

    private RecordValue Patient(LetterType type, LetterContext c)
    {
        var isMedicare = c.Payer?.Kind == PayerKind.Medicare || type is LetterType.MedicareRedetermination or LetterType.MedicareReopeningRequest
            or LetterType.MedicareReconsideration or LetterType.AljHearingRequest or LetterType.CouncilReviewRequest;
        return Record("patient",
            ("name", isMedicare ? "Beneficiary name" : "Patient name", c.Patient?.Name),
            ("memberId", isMedicare ? "Medicare number (MBI)" : "Member ID", c.Patient?.MemberId),
            ("dateOfBirth", "Patient date of birth", Date(c.Patient?.DateOfBirth, ShortDate)));
    }

    private RecordValue Claim(ClaimInfo? claim) => Mapped("claim",
        ("patientControlNumber", "claim.patientControlNumber", "Patient control number (claim id)", claim?.PatientControlNumber),
        ("payerClaimNumber", "claim.payerClaimNumber", "Payer claim number (ICN)", claim?.PayerClaimNumber),
        ("serviceDates", "claim.serviceFrom", "Dates of service", ServiceDates(claim)),
        ("determinationDate", "claim.determinationDate", "Date of the initial determination", Date(claim?.DeterminationDate, ShortDate)),
        ("billedAmount", "claim.billedAmount", "Billed amount", Money(claim?.BilledAmount)),
        ("paidAmount", "claim.paidAmount", "Paid amount", Money(claim?.PaidAmount)),
        ("deniedAmount", "claim.deniedAmount", "Denied amount", Money(claim?.DeniedAmount)),
        ("frequencyCode", "claim.frequencyCode", "Claim frequency code", claim?.FrequencyCode),
        // "8" only when the original is voided before a new claim (a billing NPI change); falsy otherwise.
        ("voidFrequencyCode", "claim.voidsOriginal", "Void of the original claim (frequency 8)", claim?.VoidsOriginal == true ? "8" : null),
        ("correctionSummary", "claim.correctionSummary", "What the corrected claim changes", claim?.CorrectionSummary));

    private ListValue ServiceLines(IReadOnlyList<ServiceLineInfo> lines) =>
        List("serviceLines", "Items or services (procedure codes and dates)", lines, (line, p) => Record(p,
            ("serviceDate", "Date of service", Date(line.ServiceDate, ShortDate)),
            ("procedureCode", "Procedure code", line.ProcedureCode),
            ("description", "Service description", line.Description),
            ("modifiers", "Modifiers", Join(line.Modifiers)),
            ("diagnosisCodes", "Diagnosis codes", Join(line.DiagnosisCodes)),
            ("units", "Units", line.Units?.ToString("0.##", CultureInfo.InvariantCulture)),
            ("chargeAmount", "Line charge", Money(line.ChargeAmount)),
            ("paidAmount", "Line paid amount", Money(line.PaidAmount))));

    private static string? InsideAddress(LetterType type, LetterContext c, LetterRecipient recipient)
    {
        // The printed inside address is the postal one when known, whatever channel delivers the letter.
        var postal = IsProviderLetter(type) ? c.Provider?.Address : IsOfficeLetter(type) ? c.AppealOffice?.Address : c.Payer?.AppealAddress;
        if (postal is not null)
        {
            return string.Join('\n', postal.Lines());
        }

        return recipient.Channel switch
        {
            DeliveryChannel.Fax => $"Fax: {recipient.Address}",
            DeliveryChannel.Portal => $"Portal: {recipient.Address}",
            DeliveryChannel.Email => $"Email: {recipient.Address}",
            _ => null,
        };
    }

    private const string LongDate = "MMMM d, yyyy";
    private const string ShortDate = "MM/dd/yyyy";

    private FieldValue Field(string path, string label, string? value) => new(path, label, value, _missing);

    private RecordValue Record(string path, params (string Name, string Label, string? Value)[] fields) =>
        new(path, fields.ToDictionary(f => f.Name, f => (FluidValue)Field($"{path}.{f.Name}", f.Label, f.Value), StringComparer.Ordinal));

    /// <summary>A template object whose fields report the <see cref="LetterContext"/> path they come from.</summary>
    private RecordValue Mapped(string name, params (string Name, string ContextPath, string Label, string? Value)[] fields) =>
        new(name, fields.ToDictionary(f => f.Name, f => (FluidValue)Field(f.ContextPath, f.Label, f.Value), StringComparer.Ordinal));

    private ListValue List<T>(string path, string label, IReadOnlyList<T> items, Func<T, string, FluidValue> map) =>
        new(path, label, items.Select((item, i) => map(item, $"{path}[{i}]")).ToList(), _missing);

    private static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s;

    private static string? Date(DateOnly? date, string format) => date?.ToString(format, CultureInfo.InvariantCulture);

    internal static string? Money(decimal? amount) => Cases.Money.Format(amount);

    private static string? Join(IReadOnlyList<string> items) =>
        items.Count == 0 ? null : string.Join(", ", items.Where(i => !string.IsNullOrWhiteSpace(i)));

    private static string? Lines(PostalAddress? address) => address is null ? null : string.Join('\n', address.Lines());

    private static string? ServiceDates(ClaimInfo? claim)
    {
        if (claim?.ServiceFrom is not { } from)
        {
            return null;
        }

        var text = from.ToString(ShortDate, CultureInfo.InvariantCulture);
        return claim.ServiceTo is { } to && to != from ? $"{text} – {to.ToString(ShortDate, CultureInfo.InvariantCulture)}" : text;
    }
}
