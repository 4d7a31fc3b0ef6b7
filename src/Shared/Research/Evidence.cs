namespace DenialPipeline.Research;

/// <summary>One check the researcher made: what it looked for, whether the records had it, and the sentence a coder reads.</summary>
public sealed record Evidence(string Check, bool Found, string Conclusion);
