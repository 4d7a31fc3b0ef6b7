using DenialPipeline.Pipeline;
using System.Globalization;
using System.Text.Json;
using DenialPipeline.Cases;
using DenialPipeline.Resolution;
using DenialPipeline.Storage;
using DenialPipeline.X12;

namespace DenialPipeline.Metrics;

/// <summary>
/// Additive counters (counts and cents, all integers so that adding and subtracting is exact). Names:
/// claimsReceived, receivedCents, claimsDenied, deniedCents, carc:&lt;code&gt;, carcCents:&lt;code&gt;, the closing statuses
/// (Overturned, PartiallyOverturned, Upheld, WrittenOff, PatientBilled, Rebilled), recoveredCents, days:&lt;n&gt; (days to
/// resolution histogram), lettersApproved, deadlinesMissed; in the open partition: open, opened:&lt;date&gt;, deadline:&lt;date|none&gt;.
/// </summary>
public static class Counter
{
    public const string ClaimsReceived = "claimsReceived", ReceivedCents = "receivedCents", ClaimsDenied = "claimsDenied", DeniedCents = "deniedCents";
    public const string CarcPrefix = "carc:", CarcCentsPrefix = "carcCents:", DaysPrefix = "days:";
    public const string RecoveredCents = "recoveredCents", LettersApproved = "lettersApproved", DeadlinesMissed = "deadlinesMissed";
    public const string Open = "open", OpenedPrefix = "opened:", DeadlinePrefix = "deadline:", NoDeadline = "deadline:none";

    public static long Cents(decimal amount) => (long)Math.Round(amount * 100m, MidpointRounding.AwayFromZero);
    public static long Cents(double amount) => Cents((decimal)amount);
}
