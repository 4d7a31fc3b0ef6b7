using DenialPipeline.Codes;

namespace DenialPipeline.Research.Rules;

/// <summary>
/// RARC N830: the payer processed the claim under federal or state balance billing rules (the No Surprises Act for
/// emergency care, out-of-network care at an in-network facility, air ambulance). The patient owes only the PR amounts
/// (45 CFR 149.410, 149.420); an amount the provider disputes goes to open negotiation within 30 business days of the
/// payment, then federal independent dispute resolution (149.510) — the plan's 180-day appeal window would miss both. The
/// notice is the Departments' standard form, so a coder sends it (ManualReview on the negotiation clock), not an appeal letter.
/// </summary>
internal static class SurpriseBilling
{
    public const string Remark = "N830";

    public static RuleOutcome Apply(RuleOutcome outcome, DenialItem item, RuleContext ctx)
    {
        if (!ctx.Remarks.Any(r => r.Code.Code == Remark)) return outcome;
        // The federal dispute process is for a provider without a contract with the plan (an in-network rate is the contract's).
        var outOfNetwork = ctx.Records.Payer?.Contracted != true;
        if (outOfNetwork && outcome.Category == DenialCategory.Contractual && outcome.Action == ResolutionAction.NoAction)
            return outcome with
            {
                Evidence = [.. outcome.Evidence, new Evidence("No Surprises Act", true,
                    $"Remark N830: paid under balance billing (No Surprises) rules. To dispute the amount ({item.Label}), open negotiation starts within " +
                    "30 business days of receiving the payment (45 CFR 149.510(b)(1)), then federal independent dispute resolution — unless a " +
                    "specified state law or an All-Payer Model Agreement sets the amount, whose own process applies. The patient owes only the PR amounts.")],
            };
        if (outOfNetwork && outcome.Action == ResolutionAction.Appeal && outcome.Category == DenialCategory.Contractual)
            return outcome with
            {
                // The notice is the Departments' standard open negotiation form, not an appeal letter: a coder sends it.
                Action = ResolutionAction.ManualReview,
                Clock = Clock.OpenNegotiation,
                Conclusion = "Send the open negotiation notice (the standard federal form) under the No Surprises Act (N830), not a plan appeal: " + outcome.Conclusion,
                Evidence = [.. outcome.Evidence, new Evidence("No Surprises Act", true,
                    $"Remark N830: the claim was paid under the No Surprises Act's rules, so a dispute of the amount ({item.Label}) starts with open " +
                    "negotiation, sent to the plan within 30 business days of receiving the initial payment (45 CFR 149.510(b)(1); counted here from " +
                    "the remittance date); if it fails, the federal independent dispute resolution is asked for within 4 business days after the " +
                    "negotiation period (149.510(b)(2)). Where a specified state law or an All-Payer Model Agreement sets the amount, its own process applies.")],
            };
        var patient = outcome.Action == ResolutionAction.BillPatient
            ? "Bill the patient only the PR amounts on this remittance; anything collected over them is refunded (45 CFR 149.410, 149.420)."
            : $"Whatever is done about {item.Label}, the patient is never billed the OA, CO or PI amounts (45 CFR 149.410, 149.420).";
        return outcome with
        {
            Evidence = [.. outcome.Evidence, new Evidence("No Surprises Act", true, $"Remark N830: the claim was processed under balance billing (No Surprises) rules. {patient}")],
        };
    }
}
