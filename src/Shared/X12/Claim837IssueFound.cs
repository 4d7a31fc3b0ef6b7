namespace DenialPipeline.X12;

public sealed record Claim837IssueFound(X12Issue Issue) : Claim837Event;
