using System.Globalization;
using Hl7.Fhir.Model;

namespace DenialPipeline.Research.Records;

/// <summary>Small readings of FHIR values the bundle importer shares: codes, displays, dates, reference ids, names.</summary>
internal static class FhirValues
{
    public const string NpiSystem = "http://hl7.org/fhir/sid/us-npi";

    public static string? FirstCode(CodeableConcept? cc) => cc?.Coding.FirstOrDefault(c => !string.IsNullOrEmpty(c.Code))?.Code;

    public static string Display(CodeableConcept? cc) =>
        cc?.Text ?? cc?.Coding.FirstOrDefault()?.Display ?? cc?.Coding.FirstOrDefault()?.Code ?? "(uncoded)";

    /// <summary>The calendar date as written in a FHIR date or dateTime ("2019-12-18T13:55:57+00:00" → 2019-12-18).</summary>
    public static DateOnly? Date(string? text) =>
        text is { Length: >= 10 } && DateOnly.TryParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;

    public static string? Npi(IEnumerable<Identifier>? identifiers) => identifiers?.FirstOrDefault(x => x.System == NpiSystem)?.Value;

    /// <summary>The id part of a reference as written ("urn:uuid:x", "Patient/x", "#x" → x), when it did not resolve.</summary>
    public static string? RefId(ResourceReference? reference)
    {
        var r = reference?.Reference;
        if (string.IsNullOrEmpty(r)) return null;
        if (r.StartsWith("urn:uuid:", StringComparison.Ordinal)) return r["urn:uuid:".Length..];
        var slash = r.LastIndexOf('/');
        return slash >= 0 ? r[(slash + 1)..] : r.TrimStart('#');
    }

    public static PersonIdentity Identity(Patient p, string? memberId)
    {
        var name = p.Name.FirstOrDefault(n => n.Use == HumanName.NameUse.Official) ?? p.Name.FirstOrDefault();
        return new PersonIdentity
        {
            LastName = name?.Family,
            FirstName = name?.Given.FirstOrDefault(),
            MemberId = memberId,
            BirthDate = Date(p.BirthDate),
        };
    }
}
