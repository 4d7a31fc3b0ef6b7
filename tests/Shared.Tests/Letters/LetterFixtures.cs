using DenialPipeline.Letters;

namespace DenialPipeline.Tests.Letters;

/// <summary>Fixed, fully-filled contexts (fictional people and payers) for golden files and PDF tests.</summary>
internal static class LetterFixtures
{
    public static readonly LetterType[] AllTypes = Enum.GetValues<LetterType>();

    public static LetterContext Full(LetterType type)
    {
        var medicare = type is LetterType.MedicareRedetermination or LetterType.MedicareReopeningRequest
            or LetterType.MedicareReconsideration or LetterType.AljHearingRequest or LetterType.CouncilReviewRequest;
        var provider = type is LetterType.DocumentationQuery or LetterType.CodingClarificationQuery;
        return new LetterContext
        {
            CaseId = "case-2026-000123",
            LetterDate = new DateOnly(2026, 11, 26),
            Payer = new PayerInfo
            {
                Name = medicare ? "Noridian Healthcare Solutions (JF Part B)" : "Acme Health Plan",
                Id = medicare ? "MAC-JF" : "ACME01",
                Kind = medicare ? PayerKind.Medicare : PayerKind.Commercial,
                AppealDepartment = medicare ? "Redeterminations" : "Provider Appeals",
                AppealAddress = new PostalAddress("PO Box 6700", null, "Fargo", "ND", "58108-6700"),
                AppealFax = "701-555-0142",
                AppealPortalUrl = null,
            },
            Provider = new ProviderInfo
            {
                Name = "Riverside Family Medicine",
                Npi = "1234567893",
                Address = new PostalAddress("100 Main Street", "Suite 200", "Springfield", "OR", "97477"),
                Phone = "541-555-0100",
                Email = provider ? "dr.okafor@riverside.example" : "billing@riverside.example",
                AttendingName = "Dr. Ada Okafor",
                SignerName = "Jordan Lee, CPC",
                SignerTitle = "Denials Coordinator",
            },
            Patient = new PatientInfo
            {
                Name = "Maria Ñúñez",
                MemberId = medicare ? "1EG4-TE5-MK73" : "ACM123456789",
                DateOfBirth = new DateOnly(1948, 3, 14),
            },
            Claim = new ClaimInfo
            {
                PatientControlNumber = "PCN-77001",
                PayerClaimNumber = "22026300123456",
                ServiceFrom = new DateOnly(2026, 8, 4),
                ServiceTo = new DateOnly(2026, 8, 4),
                DeterminationDate = new DateOnly(2026, 9, 1),
                BilledAmount = 1250.00m,
                PaidAmount = 0m,
                DeniedAmount = 1250.00m,
                FrequencyCode = type == LetterType.CorrectedClaimCover ? "7" : "1",
                CorrectionSummary = "Line 1 now carries modifier 25: the evaluation was significant and separately identifiable from the procedure.",
            },
            ServiceLines =
            [
                new ServiceLineInfo
                {
                    ServiceDate = new DateOnly(2026, 8, 4), ProcedureCode = "99214", Description = "Office visit, established patient",
                    Modifiers = ["25"], DiagnosisCodes = ["M54.50", "E11.9"], Units = 1, ChargeAmount = 250.00m, PaidAmount = 0m,
                },
                new ServiceLineInfo
                {
                    ServiceDate = new DateOnly(2026, 8, 4), ProcedureCode = "20610", Description = "Arthrocentesis, major joint",
                    Modifiers = [], DiagnosisCodes = ["M17.11"], Units = 1, ChargeAmount = 1000.00m, PaidAmount = null,
                },
            ],
            DenialReasons =
            [
                new DenialReasonInfo
                {
                    GroupCode = "CO", ReasonCode = "50", Amount = 1000.00m,
                    Description = "These are non-covered services because this is not deemed a medical necessity by the payer.",
                    Rebuttal = "The record documents failed conservative therapy for 12 weeks and a Kellgren-Lawrence grade 3 knee, which meets the policy criteria.",
                },
                new DenialReasonInfo
                {
                    GroupCode = "CO", ReasonCode = "197", Amount = 250.00m,
                    Description = "Precertification/authorization/notification/pre-treatment absent.",
                    Rebuttal = "Authorization PA-889912 was issued on 07/28/2026 for these dates of service.",
                },
            ],
            Remarks = [new RemarkInfo("N386", "This decision was based on a National Coverage Determination (NCD).")],
            Evidence =
            [
                "Progress note of 08/04/2026: right knee pain 8/10 despite 12 weeks of physical therapy and NSAIDs.",
                "Payer policy MP-114 section 3.2 covers arthrocentesis when conservative treatment has failed.",
            ],
            AuthorizationNumber = "PA-889912",
            TimelyFilingProof = new TimelyFilingProof
            {
                SubmittedOn = new DateOnly(2026, 8, 11),
                Source = "999 acceptance and 277CA claim acknowledgement from the clearinghouse",
                Reference = "BATCH-20260811-0042",
            },
            Enclosures = ["Progress note of 08/04/2026", "Physical therapy notes, 05/2026 to 07/2026", "Remittance advice of 09/01/2026"],
            ActionRequested = "reprocess the claim and pay the denied amount of $1,250.00",
            AppealLevel = type switch
            {
                LetterType.Reconsideration or LetterType.MedicareReconsideration => 2,
                LetterType.AljHearingRequest => 3,
                LetterType.CouncilReviewRequest => 4,
                _ => 1,
            },
            Reopening = new ReopeningInfo { Field = "modifier", Where = "line 1 (99214)", AsProcessed = "none", Corrected = "25" },
            AppealOffice = type == LetterType.AljHearingRequest
                ? new AppealOffice { Name = "OMHA Central Operations", Address = new PostalAddress("1001 Lakeside Avenue, Suite 930", null, "Cleveland", "OH", "44114-1158"), AppealNumber = "1-2345678901" }
                : type == LetterType.CouncilReviewRequest
                ? new AppealOffice { Name = "Medicare Appeals Council, Departmental Appeals Board", Address = new PostalAddress("330 Independence Avenue SW", "Cohen Building, Room G-644", "Washington", "DC", "20201"), AppealNumber = "1-9876543210" }
                : new AppealOffice { Name = "C2C Innovative Solutions (QIC Part B East)", Address = new PostalAddress("PO Box 45300", null, "Jacksonville", "FL", "32232-5300"), AppealNumber = "1-2345678901" },
            AmountInControversy = new AmountInControversyInfo { Amount = 1250.00m, Year = 2026, Threshold = 200m, Source = "CMS-4209-N, 90 FR 55869" },
            Deadline = new DateOnly(2026, 12, 30),
            Query = new ProviderQueryInfo
            {
                Question = "Based on your clinical judgment, can the laterality of the knee condition treated on 08/04/2026 be clarified?",
                MissingInformation = "The procedure note names the right knee; the assessment does not state laterality.",
                ResponseOptions = ["Right knee", "Left knee", "Bilateral"],
            },
        };
    }

    public static LetterContext Empty() => new() { CaseId = "case-empty" };
}
