using System.Globalization;
using DenialPipeline.Cases;

namespace DenialPipeline.Metrics;

public sealed record CarcFigures(string Carc, long ClaimsDenied, decimal AmountDenied, double? DenialRate);
