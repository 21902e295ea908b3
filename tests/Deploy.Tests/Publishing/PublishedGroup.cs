namespace Tarnfui.Deploy.Tests.Publishing;

/// <summary>The test classes that start what scripts/publish.sh wrote share one publish (the native sweeper takes minutes).</summary>
[CollectionDefinition(Name)]
public sealed class PublishedGroup : ICollectionFixture<PublishedPrograms>
{
    public const string Name = "Published programs";
}
