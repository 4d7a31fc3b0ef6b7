namespace DenialPipeline.X12;

/// <summary>The 835 state machine's header under construction (BPR … N1 loops) until the detail starts.</summary>
internal sealed partial class Remittance835Parser
{
    private enum HeaderLoop { None, Payer, Payee, Other }

    private sealed class HeaderBuilder
    {
        public bool HasBpr;
        public string? Handling, CreditDebit, Method, Trace, OriginatingCompany;
        public decimal Amount;
        public DateOnly? PaymentDate, ProductionDate;
        public HeaderLoop Loop;
        public string? PayerName, PayerN1Id, PayerRefId, PayeeName, PayeeQualifier, PayeeId, PayeeTaxId;
        public string? Line1, Line2, City, State, Postal;
        public readonly List<Contact> Contacts = [];
        private Address? _payerAddress, _payeeAddress;

        public Address? PayerAddress => _payerAddress;
        public Address? PayeeAddress => _payeeAddress;

        // N3/N4 write into the loop's address as they arrive.
        public void SnapAddress()
        {
            if (Line1 is null && City is null) return;
            var a = new Address(Line1, Line2, City, State, Postal);
            if (Loop == HeaderLoop.Payer) _payerAddress = a; else if (Loop == HeaderLoop.Payee) _payeeAddress = a;
        }
    }
}
