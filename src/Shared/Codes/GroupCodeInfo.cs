namespace DenialPipeline.Codes;

/// <summary>A CAS01 group code: what it means and whether the patient may be billed for the amount.</summary>
public sealed record GroupCodeInfo(CodeValue Code, bool Known, string Meaning, bool PatientMayBeBilled, string WhoMayBeBilled);
