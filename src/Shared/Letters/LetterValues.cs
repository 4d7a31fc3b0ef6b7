using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

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

/// <summary>
/// A leaf value of the letter model. It knows its path and label, so writing a null one renders the
/// "needs input" marker and records the field as missing. Values are preformatted text; they are
/// written through the template's encoder and never parsed as Liquid.
/// </summary>
internal sealed class FieldValue(string path, string label, string? value, MissingFieldCollector missing) : FluidValue
{
    public string Path { get; } = path;
    public string Label { get; } = label;
    /// <summary>Null when missing; whitespace-only counts as missing.</summary>
    public string? Value { get; } = string.IsNullOrWhiteSpace(value) ? null : value;

    public override FluidValues Type => FluidValues.String;

    public override bool Equals(FluidValue other) =>
        other is FieldValue field
            ? string.Equals(Value, field.Value, StringComparison.Ordinal)
            : Value is not null && !other.IsNil() && string.Equals(Value, other.ToStringValue(), StringComparison.Ordinal)
              || Value is null && other.IsNil();

    // Not overriding IsNil: a field without a value is still a defined variable (StrictVariables would throw).

    public override bool ToBooleanValue() => Value is not null;

    public override decimal ToNumberValue() =>
        decimal.TryParse(Value, NumberStyles.Number, CultureInfo.InvariantCulture, out var number) ? number : 0m;

    public override string ToStringValue() => Value ?? "";

    public override object ToObjectValue() => Value ?? "";

    private void Write(TextWriter writer, TextEncoder encoder)
    {
        if (Value is null)
        {
            missing.Add(Path, Label);
            writer.Write(Marker(Path, Label));
            return;
        }

        // Multi-line values (addresses) keep their line breaks; each line is encoded on its own.
        var first = true;
        foreach (var line in Value.Split('\n'))
        {
            if (!first)
            {
                writer.Write("<br>");
            }

            encoder.Encode(writer, line.TrimEnd('\r'));
            first = false;
        }
    }

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo)
    {
        Write(writer, encoder);
        return ValueTask.CompletedTask;
    }

    public override bool Equals(object? obj) => obj is FluidValue other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Path, Value);

    public static string Marker(string path, string label) =>
        $"<span class=\"needs-input\" data-field=\"{LetterEncoding.Html.Encode(path)}\">[needs input: {LetterEncoding.Html.Encode(label)}]</span>";
}

/// <summary>An object of the letter model (patient, claim, …). Asking for a member it lacks is a template error.</summary>
internal sealed class RecordValue(string path, IReadOnlyDictionary<string, FluidValue> members) : FluidValue
{
    public override FluidValues Type => FluidValues.Dictionary;

    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0m;

    public override string ToStringValue() => "";

    public override object ToObjectValue() => members;

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) =>
        throw new LetterTemplateException($"The template writes the object '{path}' itself; write one of its fields instead.");

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) =>
        members.TryGetValue(name, out var value)
            ? new ValueTask<FluidValue>(value)
            : throw new LetterTemplateException($"The template asks for '{path}.{name}', which the letter context does not have.");

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => path.GetHashCode(StringComparison.Ordinal);
}

/// <summary>
/// A list of the letter model. Use it in a for loop; <c>{% else %}{{ list.missing }}</c> renders the
/// marker when the list is required and empty. Unlike plain Liquid, an empty list is falsy.
/// </summary>
internal sealed class ListValue(string path, string label, IReadOnlyList<FluidValue> items, MissingFieldCollector missing) : FluidValue
{
    public IReadOnlyList<FluidValue> Items { get; } = items;

    public override FluidValues Type => FluidValues.Array;

    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

    public override bool ToBooleanValue() => Items.Count > 0;

    public override decimal ToNumberValue() => Items.Count;

    public override string ToStringValue() => "";

    public override object ToObjectValue() => Items;

    public override IEnumerable<FluidValue> Enumerate(TemplateContext context) => Items;

    public override ValueTask WriteToAsync(TextWriter writer, TextEncoder encoder, CultureInfo cultureInfo) =>
        throw new LetterTemplateException($"The template writes the list '{path}' itself; loop over it instead.");

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => name switch
    {
        "size" => new ValueTask<FluidValue>(NumberValue.Create(Items.Count)),
        "first" => new ValueTask<FluidValue>(Items.Count > 0 ? Items[0] : NilValue.Instance),
        "last" => new ValueTask<FluidValue>(Items.Count > 0 ? Items[^1] : NilValue.Instance),
        "missing" => new ValueTask<FluidValue>(new FieldValue(path, label, null, missing)),
        _ => throw new LetterTemplateException($"The template asks for '{path}.{name}'; a list has size, first, last and missing."),
    };

    public override ValueTask<FluidValue> GetIndexAsync(FluidValue index, TemplateContext context)
    {
        var i = (int)index.ToNumberValue();
        return new ValueTask<FluidValue>(i >= 0 && i < Items.Count ? Items[i] : NilValue.Instance);
    }

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => path.GetHashCode(StringComparison.Ordinal);
}

internal static class LetterEncoding
{
    /// <summary>Encodes markup characters but keeps non-Latin text (张伟, Σωκράτης) readable in the HTML.</summary>
    public static HtmlEncoder Html { get; } = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);
}
