namespace Tarnfui.Core.Autoscaling;

/// <summary>
/// The bounds of a HorizontalPodAutoscaler (<c>autoscaling/v2</c>): <c>spec.minReplicas</c>, which may be absent
/// (the API server then scales from 1), and <c>spec.maxReplicas</c>, which is required.
/// </summary>
/// <param name="MinReplicas">Its <c>spec.minReplicas</c>, null when the HPA carries none.</param>
/// <param name="MaxReplicas">Its <c>spec.maxReplicas</c>.</param>
public sealed record AutoscalerBounds(int? MinReplicas, int MaxReplicas)
{
    /// <summary>True when both bounds are <paramref name="replicas"/>: what a bound HPA looks like until someone edits it.</summary>
    public bool HoldsAt(int replicas) => MinReplicas == replicas && MaxReplicas == replicas;

    /// <summary><c>2..5</c>, or <c>unset..5</c> without a lower bound: for messages.</summary>
    public override string ToString() =>
        $"{(MinReplicas is { } min ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : WellKnown.Annotations.UnsetValue)}..{MaxReplicas}";
}
