using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using DenialPipeline.X12;

namespace DenialPipeline.Tests.X12;

/// <summary>Canonical text of a model (every public value, positions left out) so two models can be compared exactly.</summary>
internal static class X12TestUtil
{
    public static string Canon(object? value)
    {
        var sb = new StringBuilder();
        Write(sb, value, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, object? v, int depth)
    {
        if (depth > 12) { sb.Append('…'); return; }
        switch (v)
        {
            case null: sb.Append("null"); return;
            case string s: sb.Append('"').Append(s).Append('"'); return;
            case decimal d: sb.Append(d.ToString(CultureInfo.InvariantCulture)).Append('m'); return;
            case DateOnly date: sb.Append(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)); return;
            case bool or int or long or Enum: sb.Append(Convert.ToString(v, CultureInfo.InvariantCulture)); return;
            case X12Position: sb.Append("@"); return;
            case IEnumerable e:
                sb.Append('[');
                foreach (var item in e) { Write(sb, item, depth + 1); sb.Append(','); }
                sb.Append(']');
                return;
        }
        var t = v.GetType();
        sb.Append(t.Name).Append('{');
        if (t.IsGenericType && t.FullName!.StartsWith("System.ValueTuple", StringComparison.Ordinal))
        {
            foreach (var f in t.GetFields()) { sb.Append(f.Name).Append('='); Write(sb, f.GetValue(v), depth + 1); sb.Append(';'); }
        }
        else
        {
            foreach (var p in t.GetProperties(BindingFlags.Public | BindingFlags.Instance).OrderBy(p => p.Name, StringComparer.Ordinal))
            {
                if (p.GetIndexParameters().Length > 0 || p.PropertyType == typeof(X12Position) || p.Name == "EqualityContract") continue;
                sb.Append(p.Name).Append('=');
                Write(sb, p.GetValue(v), depth + 1);
                sb.Append(';');
            }
        }
        sb.Append('}');
    }

    public static RemittanceFile Read(string x12) => Remittance835Reader.Parse(x12);

    public static RemittanceFile Read(byte[] bytes)
    {
        using var ms = new MemoryStream(bytes);
        return Remittance835Reader.Read(ms);
    }

    public static string Issues(RemittanceFile f) => string.Join("\n", f.Issues.Select(i => $"{i.Severity} {i.Code} {i.Message} @{i.Position.SegmentIndex}"));
}
