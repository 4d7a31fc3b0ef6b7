namespace DenialPipeline.ClaimCheck.Rules;

/// <summary>The NPI check digit: Luhn over "80840" + the first nine digits (CMS NPI standard, 45 CFR 162.406).</summary>
internal static class Npi
{
    public static bool IsValid(string npi)
    {
        if (npi.Length != 10 || !npi.All(char.IsAsciiDigit)) return false;
        var sum = 24; // the prefix 80840 contributes 24 to the Luhn sum
        for (var i = 8; i >= 0; i--)
        {
            var d = npi[i] - '0';
            if ((8 - i) % 2 == 0) { d *= 2; if (d > 9) d -= 9; }
            sum += d;
        }
        return (10 - sum % 10) % 10 == npi[9] - '0';
    }
}
