namespace DenialPipeline.X12;

/// <summary>A warning or error; reading continues after it.</summary>
public sealed record IssueFound(X12Issue Issue) : RemittanceEvent;
