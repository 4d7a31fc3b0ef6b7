using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace DenialPipeline.Api;

/// <summary>
/// Who is calling. In Azure, App Service Authentication puts the signed-in user in <c>X-MS-CLIENT-PRINCIPAL</c>
/// (Base64 JSON with claims); the platform strips that header from outside requests. <see cref="ObjectId"/> is the
/// caller's stable id: a person's <c>oid</c>, an application's client id (<c>azp</c>/<c>appid</c>); the name is only shown.
/// </summary>
public sealed record Caller(string Name, IReadOnlyList<string> Roles, string? ObjectId = null)
{
    public const string ObjectIdClaim = "http://schemas.microsoft.com/identity/claims/objectidentifier";

    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public static readonly Caller Anonymous = new("anonymous", []);

    public string Actor => $"user:{Name}";

    public static Caller From(HttpRequest request)
    {
        if (!request.Headers.TryGetValue(PrincipalHeader, out var values) || values.Count == 0) return Anonymous;
        try
        {
            using var doc = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(values[0]!)));
            var root = doc.RootElement;
            var nameType = root.TryGetProperty("name_typ", out var nt) ? nt.GetString() : null;
            var roleType = root.TryGetProperty("role_typ", out var rt) ? rt.GetString() : null;
            string? name = null, appId = null, oid = null;
            var roles = new List<string>();
            if (root.TryGetProperty("claims", out var claims))
            {
                foreach (var claim in claims.EnumerateArray())
                {
                    var typ = claim.GetProperty("typ").GetString();
                    var val = claim.GetProperty("val").GetString();
                    if (val is null) continue;
                    if (typ == nameType || typ is "name" or "preferred_username") name ??= val;
                    if (typ == roleType || typ is "roles" or "role") roles.Add(val);
                    // An application (a payer's system with an app-only token) has no name: its client id names it.
                    if (typ is "azp" or "appid") appId ??= val;
                    if (typ is "oid" or ObjectIdClaim) oid ??= val;
                }
            }
            // A person is known by oid; an application (no name claim) by its client id, never by a name it could choose.
            return new Caller(name ?? appId ?? "unknown", roles, name is not null ? oid : appId ?? oid);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or InvalidOperationException or KeyNotFoundException)
        {
            return Anonymous;
        }
    }
}
