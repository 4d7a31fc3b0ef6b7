using System.Runtime.CompilerServices;
using System.Text;
using DenialPipeline.Research.Records;
using DenialPipeline.X12;

namespace DenialPipeline.ClaimCheck;

/// <summary>
/// Reads outbound claims: X12 837P/837I (streamed with <see cref="Claim837Reader"/>, so a large batch is never in memory
/// at once) or FHIR R4 JSON (a Bundle, or one Claim resource) through <see cref="FhirBundleImporter"/>. Never throws for
/// bad content: claims without an id or a date of service, and files with no claim, become errors naming the file and
/// segment (or bundle entry).
/// </summary>
public static class ClaimCheckInput
{
    public static bool LooksLikeJson(ReadOnlySpan<byte> head)
    {
        foreach (var b in head)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF) continue;
            return b is (byte)'{';
        }
        return false;
    }

    public static async IAsyncEnumerable<ClaimCheckInputItem> ReadX12Async(string file, Stream content, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var claims = 0;
        var errors = new List<X12Issue>();
        await foreach (var e in Claim837Reader.ReadEventsAsync(content, cancellationToken))
        {
            if (e is Claim837IssueFound { Issue: { Severity: X12IssueSeverity.Error, PatientControlNumber: null } issue }) { errors.Add(issue); continue; }
            if (e is not ClaimSubmitted s) continue;
            claims++;
            var claim = ClaimUnderCheck.From(s.Claim, file, out var reason);
            yield return claim is not null ? new ClaimCheckInputItem(claim, null)
                : new ClaimCheckInputItem(null, new ClaimCheckInputError($"{file}, segment {s.Claim.Position.SegmentIndex}", reason ?? "unreadable claim"));
        }
        if (claims == 0)
            yield return new ClaimCheckInputItem(null, new ClaimCheckInputError(file,
                "no 837 claim found" + (errors.Count == 0 ? "" : ": " + string.Join("; ", errors.Take(5).Select(i => $"segment {i.Position.SegmentIndex}: {i.Message}")))));
    }

    /// <summary>A FHIR Bundle (or one Claim): its claims, and the coverage and authorizations it carries.</summary>
    public static (List<ClaimCheckInputItem> Items, FhirContext Context) ReadFhir(string file, byte[] content)
    {
        var json = Encoding.UTF8.GetString(content).TrimStart('\uFEFF');
        if (json.Contains("\"resourceType\"", StringComparison.Ordinal) && !json.Contains("\"Bundle\"", StringComparison.Ordinal))
            json = "{\"resourceType\":\"Bundle\",\"type\":\"collection\",\"entry\":[{\"resource\":" + json + "}]}";
        var imported = FhirBundleImporter.Import(json);
        var items = imported.Claims.Select(c => new ClaimCheckInputItem(new ClaimUnderCheck(c, ClaimKind837.Unknown, $"{file}, Claim {c.ClaimId}")
        {
            DiagnosisPointers = c.Lines.Select(_ => (IReadOnlyList<int>?)null).ToList(),
        }, null)).ToList();
        items.AddRange(imported.Rejections.Select(r => new ClaimCheckInputItem(null, new ClaimCheckInputError(r.Row == 0 ? file : $"{file}, bundle entry {r.Row}", r.Reason))));
        if (imported.Claims.Count == 0 && imported.Rejections.Count == 0)
            items.Add(new ClaimCheckInputItem(null, new ClaimCheckInputError(file, "no FHIR Claim resource found")));
        return (items, new FhirContext(imported.Coverages, imported.Authorizations));
    }
}
