using System.Globalization;
using DenialPipeline.Codes;
using DenialPipeline.Research.Records;

namespace DenialPipeline.Research.Rules;

/// <summary>The words research writes into conclusions and evidence, in one place so every rule says things the same way.</summary>
internal static class RuleText
{
    public static string Date(DateOnly? date) => date?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "(open)";

    public static string Money(decimal amount) => Cases.Money.Format(amount);

    public static string Source(ProofSource source) => source switch
    {
        ProofSource.Ack999 => "999",
        ProofSource.Ack277CA => "277CA",
        _ => "clearinghouse report",
    };

    public static string Capital(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..];

    public static string Words(ResolutionAction action) => action switch
    {
        ResolutionAction.Appeal => "appeal",
        ResolutionAction.CorrectedClaim => "send a corrected claim",
        ResolutionAction.ProviderQuery => "query the provider",
        ResolutionAction.BillOtherPayer => "bill the other payer",
        ResolutionAction.BillPatient => "bill the patient",
        ResolutionAction.RequestRetroAuthorization => "request a retro-authorization",
        ResolutionAction.WriteOff => "write off",
        ResolutionAction.NoAction => "no action",
        ResolutionAction.RequestReopening => "request a reopening",
        _ => "review by hand",
    };

    public static string Words(ClaimElement element) => element switch
    {
        ClaimElement.ProcedureCode => "procedure code",
        ClaimElement.DiagnosisCode => "diagnosis code",
        ClaimElement.Modifier => "modifier",
        ClaimElement.Units => "units",
        ClaimElement.DateOfService => "date of service",
        ClaimElement.PlaceOfService => "place of service",
        ClaimElement.RenderingProviderNpi => "rendering provider NPI",
        ClaimElement.BillingProviderNpi => "billing provider NPI",
        ClaimElement.Taxonomy => "taxonomy code",
        ClaimElement.ReferringProvider => "referring provider",
        ClaimElement.ReferralNumber => "referral number",
        ClaimElement.PriorAuthorizationNumber => "prior authorization number",
        ClaimElement.PatientBirthDate => "patient date of birth",
        ClaimElement.MemberId => "member id",
        ClaimElement.OriginalReference => "original claim reference",
        ClaimElement.Ndc => "NDC",
        ClaimElement.Charge => "charge",
        _ => element.ToString(),
    };

    public static string Words(DistinctReason reason) => reason switch
    {
        DistinctReason.SeparateEncounter => "a separate encounter",
        DistinctReason.SeparateStructure => "a separate organ or structure",
        DistinctReason.SeparatePractitioner => "a different practitioner",
        DistinctReason.UnusualNonOverlapping => "an unusual, non-overlapping service",
        _ => "documented as distinct",
    };
}
