using System.Globalization;

namespace DenialPipeline.Cases;

/// <summary>US dollar amounts as people read them ($1,234.56), without culture data (the apps run globalization-invariant).</summary>
public static class Money
{
    public static string Format(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Format(double amount) => Format((decimal)amount);
}
