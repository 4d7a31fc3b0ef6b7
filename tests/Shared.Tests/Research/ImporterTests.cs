using DenialPipeline.Research.Records;

namespace DenialPipeline.Tests.Research;

public sealed class ImporterTests
{
    [Fact]
    public void Payers_FromCsv_TakesGoodRowsAndRejectsBadOnesByRow()
    {
        const string csv = """
            payer_id,name,kind,appeal_window_days,timely_filing_days,appeal_address,appeal_fax,appeal_portal,appeal_email
            ACME01,Acme Health,Commercial,90,120,"PO Box 1, Springfield",555-0100,https://portal.example,appeals@acme.example
            MCARE,Medicare Part B,Medicare,,,,,,
            ,No Id,Commercial,,,,,,
            BAD1,Bad Kind,Dental,,,,,,
            BAD2,Bad Days,Commercial,ninety,,,,,
            ACME01,Acme again,Commercial,,,,,,
            BAD3,Bad Mail,Medicaid,,,,,,not-an-email
            """;

        var result = PayerProfileImporter.FromCsv(new StringReader(csv));

        Assert.Equal(["ACME01", "MCARE"], result.Records.Select(p => p.PayerId));
        var acme = result.Records[0];
        Assert.Equal(90, acme.AppealWindowDays);
        Assert.Equal(120, acme.TimelyFilingDays);
        Assert.Equal("PO Box 1, Springfield", acme.AppealAddress);
        Assert.Equal(PayerKind.Medicare, result.Records[1].PayerKind);
        Assert.Null(result.Records[1].AppealWindowDays);
        Assert.Equal([4, 5, 6, 7, 8], result.Rejections.Select(r => r.Row));
        Assert.Contains("payer_id is empty", result.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("Dental", result.Rejections[1].Reason, StringComparison.Ordinal);
        Assert.Contains("appeal_window_days", result.Rejections[2].Reason, StringComparison.Ordinal);
        Assert.Contains("duplicate of row 2", result.Rejections[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Payers_FromCsv_QueryTurnaround_IsReadAndChecked()
    {
        var csv = "payer_id,name,query_turnaround_days\nACME01,Acme Health,7\nMCARE,Medicare Part B,\nBAD,Bad Turnaround,400\n";

        var result = PayerProfileImporter.FromCsv(new StringReader(csv));

        Assert.Equal([7, null], result.Records.Select(p => p.QueryTurnaroundDays));
        var rejected = Assert.Single(result.Rejections);
        Assert.Equal(4, rejected.Row);
        Assert.Contains("query_turnaround_days '400'", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Payers_FromCsv_SecondaryFilingDays_IsReadAndChecked()
    {
        var csv = "payer_id,name,secondary_filing_days\nACME01,Acme Health,90\nMCARE,Medicare Part B,\nBAD,Bad Window,0\n";

        var result = PayerProfileImporter.FromCsv(new StringReader(csv));

        Assert.Equal([90, null], result.Records.Select(p => p.SecondaryFilingDays));
        var rejected = Assert.Single(result.Rejections);
        Assert.Equal(4, rejected.Row);
        Assert.Contains("secondary_filing_days '0'", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Payers_FromCsv_Contracted_IsReadAndChecked()
    {
        var csv = "payer_id,name,kind,contracted\nMA1,Acme Advantage,MedicareAdvantage,true\nMA2,Other Advantage,MedicareAdvantage,false\nMA3,Unknown,MedicareAdvantage,\nBAD,Bad,MedicareAdvantage,maybe\n";

        var result = PayerProfileImporter.FromCsv(new StringReader(csv));

        Assert.Equal([true, false, null], result.Records.Select(p => p.Contracted));
        var rejected = Assert.Single(result.Rejections);
        Assert.Equal(5, rejected.Row);
        Assert.Contains("contracted 'maybe'", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Payers_FromCsv_MissingColumn_RejectsTheHeader()
    {
        var result = PayerProfileImporter.FromCsv(new StringReader("id_of_payer,title\nA,B\n"));
        Assert.Empty(result.Records);
        Assert.Equal(1, Assert.Single(result.Rejections).Row);
    }

    [Fact]
    public void Payers_FromJson_ReadsArrayAndRejectsEntriesByNumber()
    {
        const string json = """
            { "payers": [
              { "payerId": "ACME01", "name": "Acme Health", "kind": "MedicareAdvantage", "appealWindowDays": 65, "timelyFilingDays": 365, "appealFax": "555-0100" },
              { "payerId": "X", "kind": "Commercial" },
              42,
              { "payerId": "Y", "name": "Why", "appealWindowDays": 0 }
            ] }
            """;

        var result = PayerProfileImporter.FromJson(json);

        var acme = Assert.Single(result.Records);
        Assert.Equal(PayerKind.MedicareAdvantage, acme.PayerKind);
        Assert.Equal(65, acme.AppealWindowDays);
        Assert.Equal([2, 3, 4], result.Rejections.Select(r => r.Row));
        Assert.Single(PayerProfileImporter.FromJson("[ { broken").Rejections);
    }

    [Fact]
    public void Providers_FromCsvAndJson_CheckNpiAndTaxonomy()
    {
        const string csv = """
            npi,name,taxonomy,query_email
            1234567893,Ana Lee,207q00000x,lee@clinic.example
            1234567890,Bad Check Digit,207Q00000X,
            1245319599,Short Taxonomy,207Q,
            """;
        var fromCsv = ProviderProfileImporter.FromCsv(new StringReader(csv));
        var lee = Assert.Single(fromCsv.Records);
        Assert.Equal("207Q00000X", lee.Taxonomy);
        Assert.Equal([3, 4], fromCsv.Rejections.Select(r => r.Row));
        Assert.Contains("check digit", fromCsv.Rejections[0].Reason, StringComparison.Ordinal);

        var fromJson = ProviderProfileImporter.FromJson("""[{ "npi": "1234567893", "name": "Ana Lee" }, { "npi": 60, "name": "Synthea" }]""");
        Assert.Single(fromJson.Records);
        Assert.Equal(2, Assert.Single(fromJson.Rejections).Row);
    }

    [Fact]
    public void SubmissionProof_FromCsv_ParsesSourcesAndRejectsBadRows()
    {
        const string csv = """
            claim_id,accepted_date,source,reference,payer_id
            PCN100,2025-01-20,277CA,TRN55,ACME01
            PCN101,01/21/2025,999,,
            PCN102,2025-13-40,999,,
            PCN103,2025-01-22,fax,,
            ,2025-01-22,999,,
            PCN100,2025-01-20,277CA,TRN55,ACME01
            """;

        var result = SubmissionProofImporter.FromCsv(new StringReader(csv));

        Assert.Equal(2, result.Records.Count);
        Assert.Equal(ProofSource.Ack277CA, result.Records[0].Source);
        Assert.Equal(new DateOnly(2025, 1, 21), result.Records[1].AcceptedDate);
        Assert.Equal([4, 5, 6, 7], result.Rejections.Select(r => r.Row));
        Assert.Contains("not a date", result.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("duplicate of row 2", result.Rejections[3].Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Importers_AreIdempotentByKey()
    {
        const string csv = "payer_id,name\nACME01,Acme Health\n";
        var a = PayerProfileImporter.FromCsv(new StringReader(csv)).Records.Single();
        var b = PayerProfileImporter.FromJson("""[{"payer_id":"ACME01","name":"Acme Health"}]""").Records.Single();
        Assert.Equal(a.Key, b.Key);
        Assert.Equal(a, b);
    }

    [Fact]
    public void RecordKeys_ReplaceCharactersTableStorageForbids() =>
        Assert.Equal("A%2FB|C%23D|", RecordKeys.Of("A/B", "C#D", null));

    [Fact]
    public void RecordKeys_DistinctIdsKeepDistinctKeys()
    {
        string[] ids = ["?", "#", "/", "\\", "_", "%3F", "a|b", "a%7Cb", "x\u0007", "x\u0008"];
        Assert.Equal(ids.Length, ids.Select(i => RecordKeys.Of(i)).Distinct().Count());
        Assert.All(ids, i => Assert.True(DenialPipeline.Storage.Keys.IsValidTableKey(RecordKeys.Of(i))));
    }

    [Fact]
    public void AbnLog_ReadsEachSignedNotice_AndRejectsBadRowsByRow()
    {
        const string csv = """
            abn_id,member_id,patient_id,procedure_codes,signed_date,option,covers_through
            ABN-1,M1,,99213;80061,2025-01-08,1,
            ,M2,,G0439,01/09/2025,,2025-12-31
            ABN-3,,,99213,2025-01-08,1,
            ABN-4,M4,,9921,2025-01-08,1,
            ABN-5,M5,,99213,not a date,1,
            ABN-6,M6,,99213,2025-01-08,4,
            ABN-7,M7,,99213,2025-01-08,1,2024-12-31
            ABN-1,M1,,99213,2025-01-08,1,
            """;
        var result = AdvanceNoticeImporter.FromCsv(new StringReader(csv));

        Assert.Equal(2, result.Records.Count);
        Assert.Equal(["99213", "80061"], result.Records[0].ProcedureCodes);
        Assert.Equal((1, (DateOnly?)null), (result.Records[0].Option, result.Records[0].CoversThrough));
        var derived = result.Records[1];
        Assert.Equal((0, new DateOnly(2025, 12, 31)), (derived.Option, derived.CoversThrough));
        Assert.DoesNotContain("M2", derived.Key, StringComparison.Ordinal); // a derived id is a hash: member ids are PHI
        Assert.Equal([4, 5, 6, 7, 8, 9], result.Rejections.Select(r => r.Row));
        Assert.Contains("member_id and patient_id are both empty", result.Rejections[0].Reason, StringComparison.Ordinal);
        Assert.Contains("'9921' is not a 5-character", result.Rejections[1].Reason, StringComparison.Ordinal);
        Assert.Contains("signed_date 'not a date'", result.Rejections[2].Reason, StringComparison.Ordinal);
        Assert.Contains("option '4' is not 1, 2 or 3", result.Rejections[3].Reason, StringComparison.Ordinal);
        Assert.Contains("covers_through 2024-12-31 is before signed_date", result.Rejections[4].Reason, StringComparison.Ordinal);
        Assert.Contains("duplicate of row 2", result.Rejections[5].Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abn_id,member_id,procedure_codes,signed_date,option,notifier_npi")]
    [InlineData("Member ID,Procedure Codes,Signed Date,Option")]
    [InlineData("[{\"abnId\": \"A1\", \"memberId\": \"M1\", \"procedureCodes\": [\"99213\"], \"signedDate\": \"2025-01-08\"}]")]
    public void AbnLog_IsToldApartByItsColumns(string head) =>
        Assert.Equal(RecordFileKind.AdvanceNotices, RecordImporter.DetectKind(head));

    [Fact]
    public void ProviderProfile_ReadsThePtan_AndRejectsOneThatIsNot()
    {
        var result = ProviderProfileImporter.FromCsv(new StringReader("npi,name,ptan\n1234567893,Riverside Clinic,ab12345\n1922334457,Lisa Chen,AB-123\n"));
        Assert.Equal("AB12345", Assert.Single(result.Records).Ptan);
        Assert.Contains("ptan 'AB-123' is not a PTAN", Assert.Single(result.Rejections).Reason, StringComparison.Ordinal);
    }
}
