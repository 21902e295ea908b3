using Tarnfui.Core.Autoscaling;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Acting;

/// <summary>The log line of each HPA write, the same words whether it was sent or, in a dry run, only decided.</summary>
internal static class AutoscalerLog
{
    public static void Wrote(ILogger logger, AutoscalerVerdict verdict, AutoscalerSnapshot autoscaler, bool dryRun = false)
    {
        var (ns, name, target) = (autoscaler.Namespace, autoscaler.Name, autoscaler.Target?.Name ?? "");
        switch (verdict)
        {
            case AutoscalerVerdict.Bound bound:
                Log.AutoscalerBounded(logger, ns, name, autoscaler.Bounds.ToString(), bound.Replicas, target, dryRun);
                break;
            case AutoscalerVerdict.PutBack putBack:
                Log.AutoscalerRestored(logger, ns, name, putBack.Record.Original.ToString(), dryRun);
                break;
            case AutoscalerVerdict.Forget forget:
                Log.AutoscalerKept(logger, ns, name, autoscaler.Bounds.ToString(), forget.Record.Held, dryRun);
                break;
        }
    }
}
