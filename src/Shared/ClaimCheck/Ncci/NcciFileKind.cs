namespace DenialPipeline.ClaimCheck.Ncci;

/// <summary>The two CMS NCCI files the check imports.</summary>
public enum NcciFileKind { Ptp, Mue }
