using k8s.Autorest;
using Tarnfui.Core.Policy;

namespace Tarnfui.Sweeper.Sweeping;

/// <summary>What the passes do around each workload's requests: a failure is that workload's alone.</summary>
internal static class WorkloadGuard
{
    public static async Task RunAsync(WorkloadRef workload, SweepReport report, ILogger logger, Func<Task> action)
    {
        try
        {
            await action();
        }
        catch (Exception e) when (e is HttpOperationException or HttpRequestException or IOException or TimeoutException
                                      || (e is OperationCanceledException && e.InnerException is TimeoutException))
        {
            // One workload the API keeps failing on must not hold up the others; the next sweep tries again.
            report.Failed.Add(workload);
            Log.ActionFailed(logger, workload.Kind.ToString(), workload.Namespace, workload.Name, e);
        }
    }
}
