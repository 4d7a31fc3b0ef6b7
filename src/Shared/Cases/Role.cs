namespace DenialPipeline.Cases;

/// <summary>The app roles (Entra ID app registration, docs/deploy.md): one name in code, tokens, docs and UI.</summary>
public enum Role { Coder, Manager, Admin, Payer }
