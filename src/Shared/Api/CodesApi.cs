using DenialPipeline.Codes;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Api;

/// <summary>
/// <c>GET /api/codes?carc=197,16&amp;rarc=N54&amp;group=CO</c>: our plain-English wording and the official text of each code,
/// so the case page can explain every CARC, RARC and group code on a claim.
/// </summary>
public sealed class CodesApi(CodeBook codes)
{
    private const int MaxCodes = 200;

    public ApiResult Lookup(IQueryCollection query)
    {
        var list = new List<CodeView>();
        foreach (var code in Split(query["group"]))
        {
            var g = codes.Group(code);
            list.Add(new CodeView("group", g.Code.Code, g.Known, g.Meaning, null, null, null, g.PatientMayBeBilled));
        }
        foreach (var code in Split(query["carc"]))
        {
            var c = codes.Carc(code);
            list.Add(new CodeView("carc", c.Code.Code, c.Known, c.Description, c.OfficialDescription, c.Category.ToString(), c.DefaultAction.ToString(), null));
        }
        foreach (var code in Split(query["rarc"]))
        {
            var r = codes.Rarc(code);
            list.Add(new CodeView("rarc", r.Code.Code, r.Known, r.Text, r.OfficialDescription, null, null, null));
        }
        return list.Count > MaxCodes ? ApiResult.BadRequest($"Ask for at most {MaxCodes} codes at a time.") : ApiResult.Ok(list);
    }

    private static IEnumerable<string> Split(Microsoft.Extensions.Primitives.StringValues values) =>
        values.SelectMany(v => (v ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .Where(v => v.Length is > 0 and <= 10).Distinct(StringComparer.OrdinalIgnoreCase);
}
