using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace DenialPipeline.FunctionsHost;

/// <summary>
/// Picks the HTTP-triggered function for a request, as the host's route table does: each trigger's route (or the function
/// name) under host.json's <c>extensions.http.routePrefix</c> (default <c>api</c>), its methods (none: any), most specific
/// template first (ASP.NET Core's inbound route precedence: literals before parameters before optional ones).
/// Route constraints (<c>{id:int}</c>) are not checked: the app's routes have none.
/// </summary>
internal sealed class HttpTriggerRouter
{
    private sealed record Route(FunctionDescriptor Function, FunctionBinding Trigger, TemplateMatcher Matcher, IReadOnlyList<string> Methods, decimal Precedence);

    private readonly List<Route> _routes;

    public HttpTriggerRouter(IEnumerable<FunctionDescriptor> functions, string routePrefix)
    {
        _routes = functions
            .Select(f => (Function: f, Trigger: f.Bindings.FirstOrDefault(b => string.Equals(b.Type, "httpTrigger", StringComparison.OrdinalIgnoreCase))))
            .Where(x => x.Trigger is not null)
            .Select(x =>
            {
                var route = x.Trigger!.Property("route") ?? x.Function.Name;
                var full = string.Join('/', new[] { routePrefix.Trim('/'), route.Trim('/') }.Where(s => s.Length > 0));
                var template = TemplateParser.Parse(full);
                var defaults = new RouteValueDictionary();
                foreach (var p in template.Parameters.Where(p => p.DefaultValue is not null)) defaults[p.Name!] = p.DefaultValue;
                return new Route(x.Function, x.Trigger, new TemplateMatcher(template, defaults), x.Trigger.Strings("methods"), RoutePrecedence.ComputeInbound(template));
            })
            .OrderBy(r => r.Precedence)
            .ToList();
    }

    public (FunctionDescriptor Function, FunctionBinding Trigger, RouteValueDictionary Values)? Match(string method, PathString path)
    {
        foreach (var route in _routes)
        {
            var values = new RouteValueDictionary();
            if (!route.Matcher.TryMatch(path, values)) continue;
            if (route.Methods.Count > 0 && !route.Methods.Any(m => string.Equals(m, method, StringComparison.OrdinalIgnoreCase))) continue;
            return (route.Function, route.Trigger, values);
        }
        return null;
    }
}
