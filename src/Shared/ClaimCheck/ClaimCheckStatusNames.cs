namespace DenialPipeline.ClaimCheck;

/// <summary>The wire and table spelling of a status: <c>ready</c>, <c>warn</c>, <c>fix-first</c> (one name in API, CSV and page).</summary>
public static class ClaimCheckStatusNames
{
    public static string Of(ClaimCheckStatus status) => status switch
    {
        ClaimCheckStatus.FixFirst => "fix-first",
        ClaimCheckStatus.Warn => "warn",
        _ => "ready",
    };

    public static string Of(FindingSeverity severity) => severity == FindingSeverity.FixFirst ? "fix-first" : "warn";
}
