namespace DenialPipeline.Research.Records;

public enum CoverageOrder { Primary = 1, Secondary = 2, Tertiary = 3 }
