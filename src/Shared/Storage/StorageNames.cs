namespace DenialPipeline.Storage;

/// <summary>
/// Every queue, table and container the pipeline uses: the one place these names are spelled.
/// infra/ declares the same names (a test checks they agree).
/// </summary>
public static class StorageNames
{
    public static class Queues
    {
        /// <summary>Event Grid BlobCreated events for the drops container (one per dropped file).</summary>
        public const string DenialFiles = "denial-files";
        /// <summary>One message per denied claim: research it.</summary>
        public const string DenialResearch = "denial-research";
        /// <summary>One message per researched case that needs correspondence.</summary>
        public const string DenialDrafting = "denial-drafting";
        /// <summary>One message per approved letter: deliver it.</summary>
        public const string LettersOutbox = "letters-outbox";

        public static readonly IReadOnlyList<string> All = [DenialFiles, DenialResearch, DenialDrafting, LettersOutbox];

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

        public static readonly IReadOnlyList<string> All = [Remittances, Cases, Letters, Records, Metrics];
    }

    public static class Containers
    {
        /// <summary>Where payers drop remittance files; originals are never deleted by the pipeline.</summary>
        public const string Drops = "drops";
        /// <summary>Rendered letters, one blob per version.</summary>
        public const string Letters = "letters";
        /// <summary>Reference data a deployment loads: the official CARC/RARC lists (codes/carc.csv, codes/rarc.csv).</summary>
        public const string Reference = "reference";

        public static readonly IReadOnlyList<string> All = [Drops, Letters, Reference];
    }
}
