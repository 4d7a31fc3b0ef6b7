using Hl7.Fhir.Model;

namespace DenialPipeline.Research.Records;

/// <summary>
/// The resources of one bundle by every name a reference may use. A transaction bundle's resources often have no id,
/// only a fullUrl (urn:uuid:…) that the others point at: the fullUrl's last part is then the resource's id, so
/// Encounter.subject, Coverage.beneficiary and Claim.patient meet the same Patient however they refer to it.
/// </summary>
internal sealed class FhirBundleIndex
{
    private readonly Dictionary<string, Resource> _byRef = new(StringComparer.Ordinal);
    private readonly Dictionary<Resource, string> _ids = new(ReferenceEqualityComparer.Instance);

    /// <summary>Indexes every entry; an entry without a resource is rejected with its 1-based number.</summary>
    public FhirBundleIndex(Bundle bundle, List<ImportRejection> rejected)
    {
        for (var i = 0; i < bundle.Entry.Count; i++)
        {
            var e = bundle.Entry[i];
            if (e.Resource is null) { rejected.Add(new(i + 1, "entry has no resource")); continue; }
            var id = !string.IsNullOrEmpty(e.Resource.Id) ? e.Resource.Id : LastPart(e.FullUrl);
            if (id is not null) _ids[e.Resource] = id;
            if (!string.IsNullOrEmpty(e.FullUrl)) _byRef[e.FullUrl] = e.Resource;
            if (id is not null) _byRef[$"{e.Resource.TypeName}/{id}"] = e.Resource;
        }
    }

    public string? IdOf(Resource? r) => r is null ? null : _ids.TryGetValue(r, out var id) ? id : r.Id;

    public T? Resolve<T>(ResourceReference? reference) where T : Resource =>
        reference?.Reference is { } r && Find(r) is { } res ? res as T : null;

    /// <summary>"Type/id" of the resource a reference points at in this bundle, or the reference as written.</summary>
    public string Canonical(string reference) =>
        Find(reference) is { } r && IdOf(r) is { } id ? $"{r.TypeName}/{id}" : reference;

    private Resource? Find(string reference) =>
        _byRef.TryGetValue(reference, out var res) || (TypeAndId(reference) is { } local && _byRef.TryGetValue(local, out res)) ? res : null;

    /// <summary>The id a fullUrl gives: "urn:uuid:x" → x, "https://host/fhir/Patient/x" → x.</summary>
    private static string? LastPart(string? fullUrl)
    {
        if (string.IsNullOrWhiteSpace(fullUrl)) return null;
        var cut = Math.Max(fullUrl.LastIndexOf('/'), fullUrl.LastIndexOf(':'));
        var id = fullUrl[(cut + 1)..];
        return id.Length > 0 ? id : null;
    }

    /// <summary>"Type/id" of a relative or absolute reference, without a version ("…/Patient/x/_history/2" → "Patient/x").</summary>
    private static string? TypeAndId(string reference)
    {
        var parts = reference.Split('/', StringSplitOptions.RemoveEmptyEntries);
        var n = parts.Length;
        if (n >= 4 && parts[n - 2] == "_history") n -= 2;
        return n >= 2 ? $"{parts[n - 2]}/{parts[n - 1]}" : null;
    }
}
