namespace DenialPipeline.Identities;

/// <summary>
/// What kind of caller a payer identity is, which says which stable id names it: a person's <c>oid</c> claim, an
/// application's client id (<c>azp</c>/<c>appid</c>), or an SFTP local user's name (its container <c>drops-{name}</c>).
/// </summary>
public enum PayerIdentityKind { User, Application, Sftp }
