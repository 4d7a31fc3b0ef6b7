using System.Globalization;
using DenialPipeline.Cases;

namespace DenialPipeline.Metrics;

public sealed record OpenCaseFigures(long Total, IReadOnlyDictionary<string, long> ByAge, IReadOnlyDictionary<string, long> ByDaysToDeadline);
