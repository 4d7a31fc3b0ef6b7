using System.Text.Json;
using System.Text.Json.Nodes;
using DenialPipeline.Research.Records;

namespace DenialPipeline.ClaimCheck;

/// <summary>
/// Payer rules as data (<c>ClaimCheck/Data/payer-rules.json</c>): named code lists, defaults per payer kind and
/// entries per payer id. A payer's entry overrides its kind's fields one by one; lists from both apply.
/// </summary>
public sealed class PayerRuleBook
{
    private readonly Dictionary<PayerKind, PayerRules> _kinds = [];
    private readonly Dictionary<string, JsonObject> _payers = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, IReadOnlyList<string>> _lists = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, PayerRules> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    /// <summary>NCCI-associated modifiers that may bypass a PTP edit whose modifier indicator is 1.</summary>
    public IReadOnlySet<string> NcciBypassModifiers { get; private set; } = new HashSet<string>();

    /// <summary>Related CARCs per rule: a later denial with one of them was "predicted" by a finding of that rule.</summary>
    public IReadOnlyDictionary<string, IReadOnlySet<string>> RuleCarcs { get; private set; } = new Dictionary<string, IReadOnlySet<string>>();

    public static PayerRuleBook LoadDefault()
    {
        var assembly = typeof(PayerRuleBook).Assembly;
        using var stream = assembly.GetManifestResourceStream("DenialPipeline.ClaimCheck.Data.payer-rules.json")
            ?? throw new InvalidOperationException("claim-check: embedded payer-rules.json is missing");
        return Load(stream);
    }

    public static PayerRuleBook Load(Stream json)
    {
        var root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip }) as JsonObject
            ?? throw new InvalidDataException("claim-check rules: expected a JSON object");
        var book = new PayerRuleBook();
        foreach (var (name, node) in root["codeLists"] as JsonObject ?? [])
            book._lists[name] = Strings(node);
        book.NcciBypassModifiers = new HashSet<string>(Strings(root["ncciBypassModifiers"]), StringComparer.OrdinalIgnoreCase);
        book.RuleCarcs = (root["ruleCarcs"] as JsonObject ?? []).ToDictionary(
            kv => kv.Key, kv => (IReadOnlySet<string>)new HashSet<string>(Strings(kv.Value), StringComparer.OrdinalIgnoreCase));
        foreach (var (name, node) in root["kinds"] as JsonObject ?? [])
        {
            if (!Enum.TryParse<PayerKind>(name, ignoreCase: true, out var kind)) throw new InvalidDataException($"claim-check rules: unknown payer kind '{name}'");
            book._kinds[kind] = book.Merge(new PayerRules(), node as JsonObject ?? []);
        }
        foreach (var (id, node) in root["payers"] as JsonObject ?? [])
            book._payers[id] = node as JsonObject ?? [];
        return book;
    }

    /// <summary>The rules for a payer: its kind's defaults with its own entry laid over them.</summary>
    public PayerRules For(string? payerId, PayerKind kind)
    {
        var key = (payerId ?? "") + "|" + kind;
        lock (_gate)
        {
            if (_cache.TryGetValue(key, out var hit)) return hit;
            var rules = _kinds.TryGetValue(kind, out var k) ? k : new PayerRules();
            if (payerId is not null && _payers.TryGetValue(payerId, out var own)) rules = Merge(rules, own);
            _cache[key] = rules;
            return rules;
        }
    }

    private PayerRules Merge(PayerRules b, JsonObject o) => b with
    {
        RequireRenderingForOrganization = o["requireRenderingForOrganization"]?.GetValue<bool>() ?? b.RequireRenderingForOrganization,
        ReferringRequiredFor = o["referringRequiredFor"] is { } r ? new CodeSet(Strings(r), _lists) : b.ReferringRequiredFor,
        ReferringSource = o["referringSource"]?.GetValue<string>() ?? b.ReferringSource,
        RequiredModifiers = [.. b.RequiredModifiers, .. (o["requiredModifiers"] as JsonArray ?? []).OfType<JsonObject>().Select(m =>
            new RequiredModifier(new CodeSet(Strings(m["procedures"]), _lists), Strings(m["anyOf"]), m["source"]?.GetValue<string>() ?? ""))],
        PriorAuthorization = [.. b.PriorAuthorization, .. (o["priorAuthorization"] as JsonArray ?? []).OfType<JsonObject>().Select(a =>
            new PriorAuthorizationList(new CodeSet(Strings(a["procedures"]), _lists), a["source"]?.GetValue<string>() ?? ""))],
        TimelyFilingDays = o["timelyFilingDays"]?.GetValue<int>() ?? b.TimelyFilingDays,
        TimelyFromThroughDate = o["timelyFromThroughDate"]?.GetValue<bool>() ?? b.TimelyFromThroughDate,
        TimelyFilingSource = o["timelyFilingSource"]?.GetValue<string>() ?? b.TimelyFilingSource,
        TimelyFilingWarnDays = o["timelyFilingWarnDays"]?.GetValue<int>() ?? b.TimelyFilingWarnDays,
        ApplyNcci = o["applyNcci"]?.GetValue<bool>() ?? b.ApplyNcci,
    };

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray a ? a.Select(x => x?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList() : [];
}
