using System.Text;
using System.Text.Json;

namespace DenialPipeline.Functions.EndToEnd.Tests;

/// <summary>The <c>X-MS-CLIENT-PRINCIPAL</c> header App Service Authentication sets in Azure: Base64 JSON of the user's claims.</summary>
public static class ClientPrincipal
{
    public const string Header = "X-MS-CLIENT-PRINCIPAL";

    public static string For(string name, params string[] roles)
    {
        var claims = new List<object> { new { typ = "name", val = name } };
        claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
        var json = JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims });
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }
}
