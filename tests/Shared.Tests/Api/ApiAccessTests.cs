using DenialPipeline.Cases;
using System.Text;
using System.Text.Json;
using DenialPipeline.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

using DenialPipeline.Tests.Review;

namespace DenialPipeline.Tests.Api;

public sealed class ApiAccessTests
{
    private static ApiAccess Access(bool trust) =>
        new(Options.Create(new AuthOptions { TrustClientPrincipal = trust }), NullLogger<ApiAccess>.Instance);

    /// <summary>What App Service Authentication puts in X-MS-CLIENT-PRINCIPAL (v2 token claim types).</summary>
    private static HttpRequest Request(string? name, params string[] roles)
    {
        var context = new DefaultHttpContext();
        if (name is not null)
        {
            var claims = new List<object> { new { typ = "name", val = name } };
            claims.AddRange(roles.Select(r => new { typ = "roles", val = r }));
            var json = JsonSerializer.Serialize(new { auth_typ = "aad", name_typ = "name", role_typ = "roles", claims });
            context.Request.Headers[Caller.PrincipalHeader] = Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
        }
        return context.Request;
    }

    [Fact]
    public void Authorize_NoPrincipal_Returns401()
    {
        Assert.Equal(401, Access(trust: true).Authorize(Request(null), ApiPolicy.Read)?.Status);
    }

    [Fact]
    public void Authorize_UntrustedPrincipalHeader_IsIgnored_Returns401()
    {
        Assert.Equal(401, Access(trust: false).Authorize(Request("mallory", "Admin"), ApiPolicy.Read)?.Status);
    }

    [Theory]
    [InlineData("Coder", true)]
    [InlineData("coder", true)]
    [InlineData("Admin", true)]
    [InlineData("Manager", false)]
    [InlineData("Payer", false)]
    public void Authorize_Work_AllowsCoderAndAdminOnly(string role, bool allowed)
    {
        var request = Request("alice", role);
        var denied = Access(trust: true).Authorize(request, ApiPolicy.Work);
        if (allowed)
        {
            Assert.Null(denied);
            Assert.Equal(new SignedInUser("alice", Enum.Parse<Role>(role, ignoreCase: true)), ApiAccess.UserOf(request));
        }
        else Assert.Equal(403, denied?.Status);
    }

    [Fact]
    public void Authorize_RecordsTheFirstAllowedRole_AndNeverTakesThePayerFolderFromTheName()
    {
        var request = Request("acme-clearinghouse", "Payer", "Admin");
        Assert.Null(Access(trust: true).Authorize(request, ApiPolicy.Upload));
        Assert.Equal(Role.Payer, ApiAccess.UserOf(request).Role);
        // Issue 18: the folder comes from the payer identity an Admin mapped (ApiGuards), never from the display name.
        Assert.Throws<InvalidOperationException>(() => ApiAccess.PayerFolderOf(request));
        Assert.Equal("user:acme-clearinghouse", ApiAccess.UserOf(request).Actor);
    }

    /// <summary>
    /// The acting role is the first role of the endpoint's list (ApiPolicy) that the caller has, never the order of the
    /// caller's role claims (a token does not promise one): the same user acts the same way on every sign-in.
    /// </summary>
    [Theory]
    [InlineData("Coder", "Payer")]
    [InlineData("Payer", "Coder")]
    public void Authorize_ActingRole_FollowsTheEndpointsList_NotTheOrderOfTheCallersRoles(string first, string second)
    {
        string[] roles = [first, second];
        var upload = Request("acme-staff", roles);
        Assert.Null(Access(trust: true).Authorize(upload, ApiPolicy.Upload));
        Assert.Equal(Role.Payer, ApiAccess.UserOf(upload).Role); // least privilege: confined to its own folder

        var read = Request("acme-staff", roles);
        Assert.Null(Access(trust: true).Authorize(read, ApiPolicy.FilesRead));
        Assert.Equal(Role.Coder, ApiAccess.UserOf(read).Role);

        var work = Request("acme-staff", roles);
        Assert.Null(Access(trust: true).Authorize(work, ApiPolicy.Work));
        Assert.Equal(Role.Coder, ApiAccess.UserOf(work).Role);
    }

    [Theory]
    [InlineData("Admin", "Coder")]
    [InlineData("Coder", "Admin")]
    public void Authorize_CoderAndAdmin_ActsAsCoder_OnEveryWrite(string first, string second)
    {
        string[] roles = [first, second];
        foreach (var rule in new[] { ApiPolicy.Work, ApiPolicy.Assign, ApiPolicy.Upload })
        {
            var request = Request("alice", roles);
            Assert.Null(Access(trust: true).Authorize(request, rule));
            Assert.Equal(Role.Coder, ApiAccess.UserOf(request).Role);
        }
    }

    [Fact]
    public void Authorize_RouteWithoutRule_IsRefused()
    {
        Assert.Null(ApiPolicy.For("DELETE", ApiRoutes.Letter));
        Assert.Equal(403, Access(trust: true).Authorize(Request("root", "Admin"), ApiPolicy.For("DELETE", ApiRoutes.Letter))?.Status);
    }

    [Fact]
    public void Authorize_SignedWebhook_NeedsNoSignIn()
    {
        Assert.Null(Access(trust: false).Authorize(Request(null), ApiPolicy.For("POST", ApiRoutes.SendGridEvents)));
    }

    [Fact]
    public void Policy_StaffReadEverything_OnlyCoderAndAdminWrite_PayerOnlyFiles()
    {
        foreach (var ((method, route), roles) in ApiPolicy.Rules)
        {
            if (route == ApiRoutes.SendGridEvents) { Assert.Empty(roles); continue; }
            if (route == ApiRoutes.RetryFile) { Assert.Equal(ApiPolicy.Work, roles); continue; }
            // Issue 18: quarantine decisions and payer identities are the Admin's alone.
            if (route is ApiRoutes.ReleaseFile or ApiRoutes.DiscardFile or ApiRoutes.PayerIdentities or ApiRoutes.PayerIdentity) { Assert.Equal([Role.Admin], roles); continue; }
            if (route.StartsWith("files", StringComparison.Ordinal) || route == ApiRoutes.Me) { Assert.Contains(Role.Payer, roles); continue; }
            Assert.DoesNotContain(Role.Payer, roles);
            if (route is ApiRoutes.Metrics or ApiRoutes.MetricsCsv or ApiRoutes.ClaimsCheckMetrics or ApiRoutes.ClaimsCheckMetricsCsv) { Assert.Equal([Role.Manager, Role.Admin], roles); continue; }
            if (method == "GET") Assert.Equal(ApiPolicy.Read, roles);
            else if (route != ApiRoutes.AssignCase) Assert.Equal(ApiPolicy.Work, roles);
        }
    }
}

public sealed class CallerTests
{
    [Fact]
    public void From_AppOnlyToken_IsNamedByItsClientId()
    {
        var json = System.Text.Json.JsonSerializer.Serialize(new
        {
            auth_typ = "aad", name_typ = "name", role_typ = "roles",
            claims = new[] { new { typ = "azp", val = "11111111-2222-3333-4444-555555555555" }, new { typ = "roles", val = "Payer" } },
        });
        var context = new Microsoft.AspNetCore.Http.DefaultHttpContext();
        context.Request.Headers[DenialPipeline.Api.Caller.PrincipalHeader] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json));
        var caller = DenialPipeline.Api.Caller.From(context.Request);
        Assert.Equal("11111111-2222-3333-4444-555555555555", caller.Name);
        Assert.Equal(["Payer"], caller.Roles);
    }
}
