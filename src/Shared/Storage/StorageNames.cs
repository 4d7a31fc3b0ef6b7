namespace DenialPipeline.Storage;

/// <summary>
/// Every queue, table and container the pipeline uses: the one place these names are spelled.
/// infra/ declares the same names (a test checks they agree).
/// </summary>
public static class StorageNames
{
    public static class Queues
    {
        /// <summary>Event Grid BlobCreated events for the drop containers (one per dropped file).</summary>
        public const string DenialFiles = "denial-files";
        /// <summary>One message per denied claim: research it.</summary>
        public const string DenialResearch = "denial-research";
        /// <summary>One message per researched case that needs correspondence.</summary>
        public const string DenialDrafting = "denial-drafting";
        /// <summary>One message per approved letter: deliver it.</summary>
        public const string LettersOutbox = "letters-outbox";
        /// <summary>Event Grid BlobCreated events for the claims-outbound container: check the outbound claims before submission.</summary>
        public const string ClaimsOutbound = "claims-outbound";

        public static readonly IReadOnlyList<string> All = [DenialFiles, DenialResearch, DenialDrafting, LettersOutbox, ClaimsOutbound];

        /// <summary>The queue the runtime moves a message to after MaxDequeueCount failed attempts.</summary>
        public static string Poison(string queue) => queue + "-poison";
    }

    public static class Tables
    {
        /// <summary>One row per dropped file: status, counts, warnings and errors.</summary>
        public const string Remittances = "Remittances";
        /// <summary>One partition per case: the case row and its append-only history rows.</summary>
        public const string Cases = "Cases";
        /// <summary>One partition per letter: the letter row and one row per version.</summary>
        public const string Letters = "Letters";

        /// <summary>Records the research stage matches against: submitted claims, coverage, authorizations, payers, providers, submission proof.</summary>
        public const string Records = "Records";
        /// <summary>Pre-aggregated metrics rows (Table Storage has no aggregates).</summary>
        public const string Metrics = "Metrics";
        /// <summary>Payer identities by stable object id: the payer account and the payer ids each may send as (Admin-managed).</summary>
        public const string PayerIdentities = "PayerIdentities";
        /// <summary>SendGrid Event Webhook event ids already applied, so a replayed event changes nothing (rows expire after days).</summary>
        public const string WebhookEvents = "WebhookEvents";
        /// <summary>Pre-submission checks of outbound claims: one partition per batch and an index row per claim (joined to later 835s).</summary>
        public const string ClaimChecks = "ClaimChecks";

        public static readonly IReadOnlyList<string> All = [Remittances, Cases, Letters, Records, Metrics, ClaimChecks, PayerIdentities, WebhookEvents];
    }

    public static class Containers
    {
        /// <summary>Where files dropped through the API and the drop page go (a payer's under <c>drops/{payer}/</c>); originals are never deleted by the pipeline.</summary>
        public const string Drops = "drops";
        /// <summary>Rendered letters, one blob per version.</summary>
        public const string Letters = "letters";
        /// <summary>Reference data a deployment loads: the official CARC/RARC lists (codes/carc.csv, codes/rarc.csv).</summary>
        public const string Reference = "reference";
        /// <summary>Outbound claim batches (837P/837I, FHIR Claim) dropped to be checked before submission.</summary>
        public const string ClaimsOutbound = "claims-outbound";

        public static readonly IReadOnlyList<string> All = [Drops, Letters, Reference, ClaimsOutbound];

        /// <summary>Shortest SFTP payer id (a local user name has at least 3 characters).</summary>
        public const int SftpPayerIdMinLength = 3;

        /// <summary>
        /// Longest SFTP payer id: its container <c>drops-{payerId}</c> may have 63 characters and its Event Grid subscription
        /// <c>evgs-drops-{payerId}</c> 64 (infra/ declares the same limit on the <c>sftpPayer</c> type).
        /// </summary>
        public const int SftpPayerIdMaxLength = 53;

        /// <summary>
        /// The container an SFTP payer uploads into and is confined to, <c>drops-{payerId}</c>: one per payer, created by
        /// infra/ (its local user may write there and nowhere else). Its files are ingested like those in <see cref="Drops"/>.
        /// </summary>
        public static string PayerDrops(string payerId) =>
            IsSftpPayerId(payerId)
                ? $"{Drops}-{payerId}"
                : throw new ArgumentException($"An SFTP payer id has {SftpPayerIdMinLength}-{SftpPayerIdMaxLength} lowercase letters and digits; '{payerId}' does not.", nameof(payerId));

        /// <summary>The payer whose own container this is (<c>drops-{payerId}</c>), or null for any other container.</summary>
        public static string? PayerOfDrops(string container) =>
            container.StartsWith(Drops + "-", StringComparison.Ordinal) && container[(Drops.Length + 1)..] is var id && IsSftpPayerId(id) ? id : null;

        /// <summary>Whether files in this container are ingested: <see cref="Drops"/> or an SFTP payer's <c>drops-{payerId}</c>.</summary>
        public static bool IsDropContainer(string container) => container == Drops || PayerOfDrops(container) is not null;

        /// <summary>3-53 lowercase ASCII letters and digits: a valid local user name, and a valid container name after <c>drops-</c>.</summary>
        public static bool IsSftpPayerId(string payerId) =>
            payerId.Length is >= SftpPayerIdMinLength and <= SftpPayerIdMaxLength && payerId.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c));
    }
}
