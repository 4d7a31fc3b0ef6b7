namespace DenialPipeline.X12;

// The typed model of an X12 835 (Health Care Claim Payment/Advice), 005010X221A1 and 004010X091A1.
// Amounts are decimal, dates DateOnly. Every element keeps its segment position so that warnings
// and errors can name where they come from.

/// <summary>Loop header: ISA/GS/ST control numbers plus BPR, TRN, DTM*405, N1*PR and N1*PE.</summary>
public sealed record RemittanceTransaction(
    string? InterchangeControlNumber,
    string? GroupControlNumber,
    string ControlNumber,
    string? Version,
    string? TransactionHandlingCode,
    decimal PaymentAmount,
    string? CreditDebitFlag,
    string? PaymentMethod,
    DateOnly? PaymentDate,
    string? TraceNumber,
    string? OriginatingCompanyId,
    DateOnly? ProductionDate,
    PayerInfo Payer,
    PayeeInfo Payee,
    X12Position Position)
{
    /// <summary>N1*PR04 as written (<see cref="PayerInfo.Id"/> prefers REF*2U): a file naming two payer ids names both.</summary>
    public string? PayerN1Id { get; init; }

    /// <summary>ISA06, the interchange sender id (trimmed of its padding).</summary>
    public string? InterchangeSender { get; init; }

    /// <summary>GS02, the application sender's code.</summary>
    public string? GroupSender { get; init; }
}
