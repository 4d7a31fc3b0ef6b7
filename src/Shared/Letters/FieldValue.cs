using System.Globalization;
using System.Text.Encodings.Web;
using Fluid;
using Fluid.Values;

namespace DenialPipeline.Letters;

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
