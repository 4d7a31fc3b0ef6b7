using DenialPipeline.Research.Records;

namespace DenialPipeline.ClaimCheck;

/// <summary>Records a FHIR input carried beside its claims (Coverage, prior authorizations): the check uses them too.</summary>
public sealed record FhirContext(IReadOnlyList<Coverage> Coverages, IReadOnlyList<Authorization> Authorizations);
