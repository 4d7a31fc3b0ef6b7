namespace DenialPipeline.Architecture.Tests;

/// <summary>
/// The layer of each namespace of src/Shared (below <c>DenialPipeline.</c>): a namespace may depend on its own layer
/// (without cycles) and on lower ones. docs/architecture.md shows the same table.
/// </summary>
public static class Layers
{
    public const int Storage = 0, Pipeline = 1, Domain = 2, Stage = 3, Hosting = 4;

    private static readonly Dictionary<string, int> Map = new(StringComparer.Ordinal)
    {
        ["Storage"] = Storage,
        ["Pipeline"] = Pipeline,
        ["Text"] = Domain,
        ["Mail"] = Domain,
        ["X12"] = Domain,
        ["Codes"] = Domain,
        ["Denials"] = Domain,
        ["Cases"] = Domain,
        ["Identities"] = Domain,
        ["Operations"] = Domain,
        ["Research.Records"] = Domain,
        ["Ingest"] = Stage,
        ["Research"] = Stage,
        ["Letters"] = Stage,
        ["Review"] = Stage,
        ["Delivery"] = Stage,
        ["Resolution"] = Stage,
        ["Metrics"] = Stage,
        ["Api"] = Stage,
        ["Web"] = Stage,
        ["ClaimCheck"] = Stage,
        ["ClaimCheck.Learned"] = Stage,
        ["ClaimCheck.Ncci"] = Stage,
        ["Hosting"] = Hosting,
    };

    public static int? Of(string slice) => Map.TryGetValue(slice, out var layer) ? layer : null;
}
