namespace DenialPipeline.Research.Rules;

/// <summary>
/// The rule for one denial category: reads the item and the records and says what to do. Rules are pure and stateless;
/// <see cref="RuleBook"/> picks one per category (the CARC → category mapping is data: Codes/Data/carc.csv).
/// </summary>
internal interface IDenialRule
{
    RuleOutcome Evaluate(DenialItem item, RuleContext ctx);
}
