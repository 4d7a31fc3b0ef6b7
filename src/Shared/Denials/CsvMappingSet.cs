namespace DenialPipeline.Denials;

/// <summary>The mappings a JSON file holds and every problem of the ones it could not take.</summary>
public sealed record CsvMappingSet(IReadOnlyList<CsvDenialMapping> Mappings, IReadOnlyList<CsvMappingProblem> Problems);
