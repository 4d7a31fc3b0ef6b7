using Hl7.Fhir.Model;

namespace DenialPipeline.Research.Records;

/// <summary>
/// What the bundle documents per encounter ("Encounter/id"): the Condition, Procedure, Observation, DiagnosticReport
/// and DocumentReference resources that point at it, and the diagnosis and procedure codes among them.
/// </summary>
internal sealed class FhirEncounterDocumentation
{
    private readonly Dictionary<string, List<string>> _documents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _diagnoses = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _procedures = new(StringComparer.Ordinal);
    private readonly FhirBundleIndex _index;

    public FhirEncounterDocumentation(Bundle bundle, FhirBundleIndex index)
    {
        _index = index;
        foreach (var e in bundle.Entry) Read(e.Resource);
    }

    public IReadOnlyList<string>? DocumentsOf(string encounter) => _documents.GetValueOrDefault(encounter);

    public IReadOnlyList<string> DiagnosesOf(string encounter) => _diagnoses.GetValueOrDefault(encounter)?.Distinct().ToList() ?? [];

    public IReadOnlyList<string> ProceduresOf(string encounter) => _procedures.GetValueOrDefault(encounter)?.Distinct().ToList() ?? [];

    private void Read(Resource? resource)
    {
        switch (resource)
        {
            case Condition c:
                AddDocument(c.Encounter, "Condition: " + FhirValues.Display(c.Code));
                if (c.Encounter?.Reference is { } cr && FhirValues.FirstCode(c.Code) is { } dx) Add(_diagnoses, _index.Canonical(cr), dx);
                break;
            case Procedure p:
                AddDocument(p.Encounter, "Procedure: " + FhirValues.Display(p.Code));
                if (p.Encounter?.Reference is { } pr && FhirValues.FirstCode(p.Code) is { } px) Add(_procedures, _index.Canonical(pr), px);
                break;
            case Observation o: AddDocument(o.Encounter, "Observation: " + FhirValues.Display(o.Code)); break;
            case DiagnosticReport d: AddDocument(d.Encounter, "Diagnostic report: " + FhirValues.Display(d.Code)); break;
            case DocumentReference dr:
                foreach (var enc in dr.Context?.Encounter ?? []) AddDocument(enc, "Document: " + (dr.Description ?? FhirValues.Display(dr.Type)));
                break;
        }
    }

    private void AddDocument(ResourceReference? encounter, string text)
    {
        if (encounter?.Reference is not { } r) return;
        Add(_documents, _index.Canonical(r), text);
    }

    private static void Add(Dictionary<string, List<string>> map, string key, string value)
    {
        if (!map.TryGetValue(key, out var list)) map[key] = list = [];
        list.Add(value);
    }
}
