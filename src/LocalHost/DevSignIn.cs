using DenialPipeline.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DenialPipeline.LocalHost;

/// <summary>
/// The local host's sign-in. Outside Development none of it is registered: every /api call is then 401 unless the host
/// sits behind App Service Authentication (<c>Auth:TrustClientPrincipal</c>). In Development, a configured user is
/// picked by the <c>X-Dev-User</c> header or the <c>dev-user</c> cookie (set by <c>POST /dev/signin?user=…</c>).
/// A forged <c>X-MS-CLIENT-PRINCIPAL</c> is removed from every request unless that header is trusted.
/// </summary>
public static partial class DevSignIn
{
    public const string Header = "X-Dev-User";
    public const string Cookie = "dev-user";

    public static IApplicationBuilder UseLocalSignIn(this IApplicationBuilder app, bool development)
    {
        var access = app.ApplicationServices.GetRequiredService<ApiAccess>();
        var options = development ? app.ApplicationServices.GetRequiredService<IOptions<DevAuthOptions>>().Value : null;
        return app.Use(async (context, next) =>
        {
            if (!access.TrustsClientPrincipal) context.Request.Headers.Remove(Caller.PrincipalHeader);
            if (options is not null)
            {
                var name = context.Request.Headers[Header].FirstOrDefault() is { Length: > 0 } h ? h : context.Request.Cookies[Cookie];
                if (name is { Length: > 0 } && options.Users.ContainsKey(name))
                    context.Items[ApiAccess.CallerItem] = new Caller(name, options.RolesOf(name), ObjectId: name); // a development user's object id is its name
            }
            await next(context);
        });
    }

    /// <summary>Says at start, where the operator sees it, that anyone reaching this host may act as any development user.</summary>
    public static void AnnounceOn(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<DevAuthOptions>>().Value;
        LogDevSignInOn(services.GetRequiredService<Microsoft.Extensions.Logging.ILoggerFactory>().CreateLogger("DenialPipeline.LocalHost.DevSignIn"),
            string.Join(", ", options.Users.Keys.Order()));
    }

    [Microsoft.Extensions.Logging.LoggerMessage(EventId = 5200, Level = Microsoft.Extensions.Logging.LogLevel.Warning,
        Message = "Development sign-in is ON (environment Development): any request from this machine may act as a development user ({Users}) with the header X-Dev-User or the dev-user cookie. Any other environment name (DOTNET_ENVIRONMENT) turns it off.")]
    private static partial void LogDevSignInOn(Microsoft.Extensions.Logging.ILogger logger, string users);

    /// <summary><c>GET /dev/users</c>, <c>POST /dev/signin?user=</c>, <c>POST /dev/signout</c> (Development only).</summary>
    public static IEndpointRouteBuilder MapDevSignIn(this IEndpointRouteBuilder app)
    {
        var dev = app.MapGroup("/dev");
        dev.MapGet("/users", (IOptions<DevAuthOptions> o) =>
            Results.Json(o.Value.Users.Keys.Order().Select(u => new MeView(u, o.Value.RolesOf(u))).ToList()));
        dev.MapPost("/signin", IResult (HttpContext context, string? user, IOptions<DevAuthOptions> o) =>
        {
            if (user is not { Length: > 0 } || !o.Value.Users.ContainsKey(user))
                return ApiProblems.Problem(ApiProblems.Unauthorized, "No such development user (see DevAuth:Users).");
            context.Response.Cookies.Append(Cookie, user, new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Strict, Path = "/" });
            return Results.Json(new MeView(user, o.Value.RolesOf(user)));
        });
        dev.MapPost("/signout", (HttpContext context) =>
        {
            context.Response.Cookies.Delete(Cookie, new CookieOptions { Path = "/" });
            return Results.NoContent();
        });
        return app;
    }
}
