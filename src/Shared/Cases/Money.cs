using System.Globalization;

namespace DenialPipeline.Cases;

/// <summary>
/// The one way amounts are written for people (evidence, conclusions, letters, the CLI): US dollars, thousands grouped,
/// two decimals, a negative with the minus before the sign — "-$1,234.56", as the web pages' Intl en-US currency format
/// writes it — without culture data (the apps run globalization-invariant). Machine files (the metrics CSV) write plain
/// numbers instead.
/// </summary>
public static class Money
{
    public static string Format(decimal amount) =>
        (amount < 0 ? "-$" : "$") + Math.Abs(amount).ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string Format(double amount) => Format((decimal)amount);

    /// <summary>Null for no amount (a letter field then shows as missing).</summary>
    public static string? Format(decimal? amount) => amount is { } a ? Format(a) : null;
}
