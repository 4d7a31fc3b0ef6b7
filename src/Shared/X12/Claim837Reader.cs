using System.Runtime.CompilerServices;

namespace DenialPipeline.X12;

/// <summary>
/// Reads X12 837P and 837I claims (5010 and 4010) over the same streaming tokenizer as the 835 reader.
/// Never throws for bad content: problems become <see cref="X12Issue"/>s (on the claim they occur in, and in the
/// event stream); only I/O failures and cancellation surface as exceptions.
/// </summary>
public static class Claim837Reader
{
    /// <summary>Streams the claims in file order. Issues raised inside a claim are on <see cref="SubmittedClaim837.Issues"/>;
    /// use <see cref="ReadEventsAsync"/> to see issues outside any claim too.</summary>
    public static async IAsyncEnumerable<SubmittedClaim837> ReadAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var e in ReadEventsAsync(stream, cancellationToken).ConfigureAwait(false))
            if (e is ClaimSubmitted c) yield return c.Claim;
    }

    public static async IAsyncEnumerable<Claim837Event> ReadEventsAsync(Stream stream, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var tokenizer = new X12Tokenizer(stream);
        var parser = new Claim837Parser();
        var pending = parser.Pending;
        while (await tokenizer.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            parser.Handle(tokenizer);
            if (pending.Count == 0) continue;
            for (var i = 0; i < pending.Count; i++) yield return pending[i];
            pending.Clear();
        }
        parser.Finish(tokenizer);
        for (var i = 0; i < pending.Count; i++) yield return pending[i];
        pending.Clear();
    }

    public static IEnumerable<Claim837Event> ReadEvents(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        return Iterate(stream);

        static IEnumerable<Claim837Event> Iterate(Stream stream)
        {
            using var tokenizer = new X12Tokenizer(stream);
            var parser = new Claim837Parser();
            var pending = parser.Pending;
            while (tokenizer.Read())
            {
                parser.Handle(tokenizer);
                if (pending.Count == 0) continue;
                for (var i = 0; i < pending.Count; i++) yield return pending[i];
                pending.Clear();
            }
            parser.Finish(tokenizer);
            for (var i = 0; i < pending.Count; i++) yield return pending[i];
            pending.Clear();
        }
    }

    public static Claim837File Read(Stream stream)
    {
        var claims = new List<SubmittedClaim837>();
        var issues = new List<X12Issue>();
        foreach (var e in ReadEvents(stream))
        {
            if (e is ClaimSubmitted c) claims.Add(c.Claim);
            else if (e is Claim837IssueFound i) issues.Add(i.Issue);
        }
        return new Claim837File(claims, issues);
    }
}
