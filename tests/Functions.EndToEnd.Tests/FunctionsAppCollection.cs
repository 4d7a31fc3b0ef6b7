namespace DenialPipeline.Functions.EndToEnd.Tests;

/// <summary>The test classes that share one Functions app worker (and its Azurite): they run one after another.</summary>
[CollectionDefinition(Name)]
public sealed class FunctionsAppCollection : ICollectionFixture<FunctionsAppFixture>
{
    public const string Name = "Functions app";
}
