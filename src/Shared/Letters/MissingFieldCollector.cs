namespace DenialPipeline.Letters;

/// <summary>Collects the fields a template rendered without a value, once each, in order of first use. One per render.</summary>
internal sealed class MissingFieldCollector
{
    private readonly List<MissingField> _fields = [];
    private readonly HashSet<string> _paths = new(StringComparer.Ordinal);

    public IReadOnlyList<MissingField> Fields => _fields;

    public void Add(string path, string label)
    {
        if (_paths.Add(path))
        {
            _fields.Add(new MissingField(path, label));
        }
    }
}
