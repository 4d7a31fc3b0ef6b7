namespace DenialPipeline.ClaimCheck;

/// <summary>A finding as the API, CSV and page show it: severity spelled <c>warn</c> or <c>fix-first</c>.</summary>
public sealed record FindingView(string Rule, string Severity, string Evidence, string Fix, int? Line, double Probability, IReadOnlyList<string> Carcs)
{
    public static FindingView From(Finding f) => new(f.Rule, ClaimCheckStatusNames.Of(f.Severity), f.Evidence, f.Fix, f.Line, Math.Round(f.Probability, 3), f.Carcs);
}
