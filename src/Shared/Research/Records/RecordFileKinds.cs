namespace DenialPipeline.Research.Records;

public static class RecordFileKinds
{
    /// <summary>
    /// Reference data that decides how every case is read, researched and addressed (payer profiles: appeal windows and
    /// addresses; providers; CSV report mappings; payer identities: who may send as which payer; contract rates): only an
    /// Admin imports it. Coders import claims, FHIR records and acknowledgments (docs/api.md, "Records import").
    /// </summary>
    public static bool IsAdminOnly(this RecordFileKind kind) =>
        kind is RecordFileKind.Payers or RecordFileKind.Providers or RecordFileKind.CsvMappings or RecordFileKind.PayerIdentities or RecordFileKind.ContractRates;
}
