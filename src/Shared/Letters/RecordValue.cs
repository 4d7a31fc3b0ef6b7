using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace DenialPipeline.Letters;

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
