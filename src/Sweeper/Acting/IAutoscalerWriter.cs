using NodaTime;
using Tarnfui.Core.Autoscaling;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Acting;

/// <summary>
/// Carries out what <see cref="AutoscalerRules"/> decided about a HorizontalPodAutoscaler: the real writer patches
/// (<see cref="AutoscalerPatches"/>) and keeps the view in step; <c>--dry-run</c> swaps in one that only logs, as it
/// swaps the <see cref="ISweepActor"/>.
/// </summary>
internal interface IAutoscalerWriter
{
    /// <summary>Writes a <see cref="AutoscalerVerdict.Bound"/>, <see cref="AutoscalerVerdict.PutBack"/> or <see cref="AutoscalerVerdict.Forget"/>.</summary>
    Task<AutoscalerWrite> WriteAsync(AutoscalerSnapshot autoscaler, AutoscalerVerdict verdict, Instant now, CancellationToken cancellationToken);
}
