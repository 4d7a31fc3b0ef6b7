using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace DenialPipeline.Letters;

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
