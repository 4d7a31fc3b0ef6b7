using DenialPipeline.Codes;
using DenialPipeline.Research.Records;
using static DenialPipeline.Research.Rules.RuleText;

namespace DenialPipeline.Research.Rules;

/// <summary>Non-covered services: the code book's route, except that the patient is billed only under group PR.</summary>
internal sealed class NonCoveredRule : IDenialRule
{
    public RuleOutcome Evaluate(DenialItem item, RuleContext ctx)
    {
        var action = item.Carc.DefaultAction;
        var evidence = new List<Evidence>();
        if (action == ResolutionAction.BillPatient && !item.Group.PatientMayBeBilled)
        {
            action = ResolutionAction.ManualReview;
            evidence.Add(new Evidence("Group code", false, $"{item.Label} is not patient responsibility ({item.Group.Code}): the patient may be billed only with a signed waiver (ABN) on file; review."));
        }
        else
        {
            evidence.Add(new Evidence("Benefits", false, $"{item.Carc.Description} No records check decides coverage of benefits: {Words(action)}."));
        }
        return new RuleOutcome(DenialCategory.NonCovered, action, RuleBook.ClockFor(action), $"{item.Label}: {item.Carc.Description} {Capital(Words(action))}.", evidence);
    }
}
