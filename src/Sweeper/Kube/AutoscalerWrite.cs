using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Kube;

/// <summary>How a write to a HorizontalPodAutoscaler ended. A closed family.</summary>
internal abstract record AutoscalerWrite
{
    private AutoscalerWrite()
    {
    }

    /// <summary>Written; the HPA as the server answered.</summary>
    public sealed record Applied(AutoscalerSnapshot Autoscaler) : AutoscalerWrite;

    /// <summary>A test failed (422) or a write raced it (409): read it again and decide again.</summary>
    public sealed record Conflict : AutoscalerWrite;

    /// <summary>The HPA is gone.</summary>
    public sealed record Gone : AutoscalerWrite;
}
