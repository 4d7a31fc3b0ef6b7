using System.Text.Json;
using Azure.Data.Tables;
using DenialPipeline.Cases;
using DenialPipeline.Research.Records;
using DenialPipeline.Storage;

namespace DenialPipeline.ClaimCheck;

/// <summary>
/// Joins each checked claim (its newest check) to what happened next. A denial (a case for the claim id whose
/// remittance is dated on or after the check) is <b>preventable</b> when one of its CARCs belongs to a rule's list
/// (<c>ruleCarcs</c> in payer-rules.json); a rule <b>predicted</b> it when the rule flagged the claim and the CARC is
/// its own (or, for the learned rule, one of the pattern's); it <b>missed</b> it when the CARC is its own and it did not
/// flag. A claim paid with no denial makes each rule that flagged it a <b>false alarm</b>.
/// </summary>
public sealed class ClaimCheckMetrics(ClaimCheckStore store, TableServiceClient tables, PayerRuleBook book, IEnumerable<IClaimRule> rules)
{
    private readonly IReadOnlyList<string> _ruleIds = rules.Select(r => r.Id).ToList();

    public async Task<PreventionReport> ReportAsync(CancellationToken cancellationToken = default)
    {
        var checks = await store.LatestPerClaimAsync(cancellationToken);
        var denials = await DenialsAsync(tables, checks, cancellationToken);
        var paid = await PaidClaimIdsAsync(cancellationToken);
        var providers = await ProviderNamesAsync(cancellationToken);
        return Compute(checks, denials, paid, providers);
    }

    /// <summary>The join itself, without storage: newest check per claim id, denials per claim id, claims paid, provider names.</summary>
    public PreventionReport Compute(IReadOnlyDictionary<string, ClaimCheckEntity> checks, IReadOnlyDictionary<string, CheckedDenial> denials,
        IReadOnlySet<string> paid, IReadOnlyDictionary<string, string> providers)
    {
        var measures = _ruleIds.ToDictionary(r => r, _ => new int[4]);
        var payers = new Dictionary<string, Acc>(StringComparer.OrdinalIgnoreCase);
        var provs = new Dictionary<string, Acc>(StringComparer.OrdinalIgnoreCase);
        int withOutcome = 0, denied = 0, preventable = 0, predicted = 0, missed = 0, falseAlarms = 0;
        decimal preventableAmount = 0, predictedAmount = 0;
        foreach (var (claimId, check) in checks)
        {
            var flagged = check.Rules.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
            foreach (var r in flagged) if (measures.TryGetValue(r, out var m)) m[0]++;
            if (denials.TryGetValue(claimId, out var denial))
            {
                withOutcome++;
                denied++;
                var (isPreventable, isPredicted, missedRules) = Judge(denial.Carcs, flagged, check.PredictedCarcs, measures);
                missed += missedRules > 0 && !isPredicted ? 1 : 0;
                if (isPreventable) { preventable++; preventableAmount += denial.Amount; }
                if (isPredicted) { predicted++; predictedAmount += denial.Amount; }
                Add(payers, check.PayerId ?? denial.PayerId, check.PayerName ?? denial.PayerName, denial.Amount, isPreventable, isPredicted, missedRules > 0 && !isPredicted);
                Add(provs, check.ProviderNpi ?? "", check.ProviderNpi is { } npi && providers.TryGetValue(npi, out var n) ? n : check.ProviderNpi ?? "unknown", denial.Amount, isPreventable, isPredicted, missedRules > 0 && !isPredicted);
            }
            else if (paid.Contains(claimId))
            {
                withOutcome++;
                foreach (var r in flagged) if (measures.TryGetValue(r, out var m)) { m[3]++; falseAlarms++; }
            }
        }
        return new PreventionReport(checks.Count, withOutcome, denied, preventable, predicted, missed, falseAlarms, preventableAmount, predictedAmount,
            measures.Select(kv => new RuleMeasure(kv.Key, kv.Value[0], kv.Value[1], kv.Value[2], kv.Value[3])).ToList(),
            Rows(payers, id => "/?payer=" + Uri.EscapeDataString(id)), Rows(provs, id => "/?provider=" + Uri.EscapeDataString(id)));
    }

    private (bool Preventable, bool Predicted, int MissedRules) Judge(IReadOnlySet<string> carcs, HashSet<string> flagged, string predictedCarcs, Dictionary<string, int[]> measures)
    {
        var learned = predictedCarcs.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.OrdinalIgnoreCase);
        bool preventable = false, predicted = false;
        var missedRules = 0;
        foreach (var rule in _ruleIds)
        {
            var own = rule == Rules.LearnedPatternRule.RuleId ? (flagged.Contains(rule) ? learned : []) : book.RuleCarcs.GetValueOrDefault(rule) ?? new HashSet<string>();
            if (!carcs.Any(own.Contains)) continue;
            preventable = true;
            if (flagged.Contains(rule)) { predicted = true; measures[rule][1]++; }
            else { missedRules++; measures[rule][2]++; }
        }
        return (preventable, predicted, missedRules);
    }

    /// <summary>The denials (cases) of checked claims whose remittance is not older than the check.</summary>
    private static async Task<Dictionary<string, CheckedDenial>> DenialsAsync(TableServiceClient tables, Dictionary<string, ClaimCheckEntity> checks, CancellationToken ct)
    {
        var found = new Dictionary<string, CheckedDenial>(StringComparer.OrdinalIgnoreCase);
        await foreach (var c in tables.GetTableClient(StorageNames.Tables.Cases).QueryAsync<CaseEntity>(CaseEntity.CaseRowsFilter,
                           select: ["PartitionKey", "PatientControlNumber", "ReasonCodes", "DeniedAmount", "RemittanceDate", "PayerId", "PayerName"], cancellationToken: ct))
        {
            if (!checks.TryGetValue(c.PatientControlNumber, out var check)) continue;
            if (c.RemittanceDate is { } rd && rd.Date < check.CheckedAt.UtcDateTime.Date) continue;
            var carcs = c.ReasonCodes.Split(',', StringSplitOptions.RemoveEmptyEntries)
                .Where(code => !code.StartsWith("PR-", StringComparison.OrdinalIgnoreCase))
                .Select(code => code[(code.IndexOf('-', StringComparison.Ordinal) + 1)..]).ToHashSet(StringComparer.OrdinalIgnoreCase);
            found[c.PatientControlNumber] = found.TryGetValue(c.PatientControlNumber, out var prior)
                ? prior with { Carcs = prior.Carcs.Union(carcs).ToHashSet(StringComparer.OrdinalIgnoreCase), Amount = prior.Amount + (decimal)c.DeniedAmount }
                : new CheckedDenial(carcs, (decimal)c.DeniedAmount, c.PayerId, c.PayerName);
        }
        return found;
    }

    private async Task<HashSet<string>> PaidClaimIdsAsync(CancellationToken ct)
    {
        var ids = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var row in tables.GetTableClient(StorageNames.Tables.Records).QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey ge {PaidService.Kind + "-"} and PartitionKey lt {PaidService.Kind + "."}"), cancellationToken: ct))
            foreach (var (name, value) in row)
                if (name.StartsWith(PaidService.PropertyPrefix, StringComparison.Ordinal) && value is string json
                    && JsonSerializer.Deserialize<PaidService>(json, MessageJson.Options) is { Reversed: false, Paid: > 0 } p)
                    ids.Add(p.ClaimId);
        return ids;
    }

    private async Task<Dictionary<string, string>> ProviderNamesAsync(CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        await foreach (var e in tables.GetTableClient(StorageNames.Tables.Records).QueryAsync<RecordEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {ProviderProfile.Kind}"), select: ["Json"], cancellationToken: ct))
            if (JsonSerializer.Deserialize<ProviderProfile>(e.Json, MessageJson.Options) is { } p) names[p.Npi] = p.Name;
        return names;
    }

    private sealed class Acc(string name)
    {
        public string Name = name;
        public int Denied, Preventable, Predicted, Missed;
        public decimal PreventableAmount, PredictedAmount;
    }

    private static void Add(Dictionary<string, Acc> into, string id, string name, decimal amount, bool preventable, bool predicted, bool missed)
    {
        if (!into.TryGetValue(id, out var a)) into[id] = a = new Acc(name);
        a.Denied++;
        if (preventable) { a.Preventable++; a.PreventableAmount += amount; }
        if (predicted) { a.Predicted++; a.PredictedAmount += amount; }
        if (missed) a.Missed++;
    }

    private static List<PreventionRow> Rows(Dictionary<string, Acc> from, Func<string, string> link) =>
        from.OrderByDescending(kv => kv.Value.PreventableAmount).ThenBy(kv => kv.Key, StringComparer.Ordinal)
            .Select(kv => new PreventionRow(kv.Key, kv.Value.Name, kv.Value.Denied, kv.Value.Preventable, kv.Value.Predicted, kv.Value.Missed,
                kv.Value.PreventableAmount, kv.Value.PredictedAmount, link(kv.Key))).ToList();
}
