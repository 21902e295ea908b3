using NodaTime;
using Tarnfui.Core.Autoscaling;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Acting;

/// <summary><c>--dry-run</c>: logs what the real writer would send to an HPA and reports it as done; sends nothing.</summary>
internal sealed class DryRunAutoscalerWriter(ILogger<DryRunAutoscalerWriter> logger) : IAutoscalerWriter
{
    public Task<AutoscalerWrite> WriteAsync(AutoscalerSnapshot autoscaler, AutoscalerVerdict verdict, Instant now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(autoscaler);
        AutoscalerLog.Wrote(logger, verdict, autoscaler, dryRun: true);
        return Task.FromResult<AutoscalerWrite>(new AutoscalerWrite.Applied(autoscaler));
    }
}
