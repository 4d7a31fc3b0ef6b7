using DenialPipeline.Identities;
using DenialPipeline.Research.Records;
using Microsoft.Extensions.DependencyInjection;

namespace DenialPipeline.LocalHost;

/// <summary>
/// <c>identities list | set | remove</c>: the payer identities (who may send as which payer), as the Admin API manages them.
/// A file of identities is loaded with <c>import</c> like payers.
/// </summary>
public static class IdentitiesCommand
{
    private const string Usage = """
        Usage: identities list
               identities set <objectId> --payer <payer> --payer-ids <id;id…> [--kind User|Application|Sftp] [--name <display name>]
               identities remove <objectId>

        A payer identity is a caller's stable object id (oid of a person, client id of an application, the SFTP local user
        name) mapped to its payer account (drop folder drops/<payer>/, SFTP container drops-<payer>) and the payer ids its
        files may carry (N1*PR04 / REF*2U, TRN03, ISA06 / GS02). Payer callers not in this table get 403.
        """;

    public static async Task<int> ExecuteAsync(string[] args)
    {
        if (args.Length == 0 || args.Contains("--help") || args[0] is not ("list" or "set" or "remove") || args[0] != "list" && args.Length < 2)
        {
            Console.WriteLine(Usage);
            return args.Contains("--help") ? 0 : 2;
        }
        var (azurite, host) = await Cli.OpenStorageAsync();
        await using (azurite)
        using (host)
        {
            var store = host.Services.GetRequiredService<PayerIdentityStore>();
            switch (args[0])
            {
                case "list":
                    foreach (var i in await store.ListAsync())
                        Console.WriteLine($"{i.ObjectId}\t{i.Kind}\t{i.Payer}\t{string.Join(';', i.PayerIds)}\t{i.DisplayName}");
                    return 0;
                case "remove":
                    return await store.DeleteAsync(args[1]) ? 0 : Cli.Fail($"No payer identity {args[1]}.");
                default:
                    var kindText = Option(args, "--kind") ?? nameof(PayerIdentityKind.User);
                    if (!Enum.TryParse<PayerIdentityKind>(kindText, ignoreCase: true, out var kind) || !Enum.IsDefined(kind))
                        return Cli.Fail($"--kind '{kindText}' is not one of {string.Join("/", Enum.GetNames<PayerIdentityKind>())}.");
                    var identity = new PayerIdentity
                    {
                        ObjectId = args[1],
                        Kind = kind,
                        DisplayName = Option(args, "--name"),
                        Payer = Option(args, "--payer") ?? "",
                        PayerIds = PayerIdentityImporter.SplitIds(Option(args, "--payer-ids")),
                        UpdatedBy = "system:cli",
                        UpdatedAt = host.Services.GetRequiredService<TimeProvider>().GetUtcNow(),
                    };
                    if (identity.Problem() is { } problem) return Cli.Fail(problem);
                    await store.UpsertAsync(identity);
                    Console.WriteLine($"{identity.ObjectId}: payer {identity.Payer}, may send as {string.Join(", ", identity.PayerIds)}");
                    return 0;
            }
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
