using DenialPipeline.X12;

namespace DenialPipeline.Research.Records;

/// <summary>
/// Reads an X12 999 (implementation acknowledgment, 005010X231A1): AK1 names the acknowledged group (GS06), each AK2
/// a transaction set (ST02) with its IK5 result; the date is the 999's GS04. A 999 names no claims: the claims are
/// found through the 837 they came in (see <see cref="RecordStore"/>).
/// </summary>
public static class Acknowledgment999Reader
{
    public static IReadOnlyList<AcknowledgedTransaction> Read(Stream stream)
    {
        var list = new List<AcknowledgedTransaction>();
        using var tk = new X12Tokenizer(stream);
        DateOnly? date = null;
        string? group = null, st = null;
        var stIndex = 0;
        while (tk.Read())
        {
            var seg = tk.Current;
            if (seg.IdIs("GS") && X12Text.TryParseDate(seg[4], out var d)) date = d;
            else if (seg.IdIs("AK1")) group = seg.Str(2);
            else if (seg.IdIs("AK2")) { st = seg.Str(2); stIndex = (int)tk.SegmentIndex; }
            else if (seg.IdIs("IK5") && group is not null && st is not null && date is not null)
            {
                list.Add(new AcknowledgedTransaction(group, st, seg.Str(1) ?? "", date.Value, stIndex));
                st = null;
            }
        }
        return list;
    }
}
