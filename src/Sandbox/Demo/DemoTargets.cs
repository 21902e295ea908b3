using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Seeding;

namespace Tarnfui.Sandbox.Demo;

/// <summary>The Deployments the scripted moments act on: running ones in ordinary team namespaces, picked the same way every run.</summary>
internal sealed record DemoTargets(WorkloadRef ScaledUp, WorkloadRef Updated, WorkloadRef Woken, WorkloadRef KeepsOne)
{
    public static DemoTargets Pick(ReplicaCensus before)
    {
        ArgumentNullException.ThrowIfNull(before);
        // Spread over the cluster rather than the first four names: every k-th running team Deployment.
        var running = before.Workloads
            .Where(w => w.Key.Kind == WorkloadKind.Deployment && w.Value.Replicas > 0
                        && w.Key.Namespace.StartsWith("team-", StringComparison.Ordinal)
                        && w.Key.Name.StartsWith("app-", StringComparison.Ordinal))
            .Select(w => w.Key)
            .OrderBy(w => w.Namespace, StringComparer.Ordinal).ThenBy(w => w.Name, StringComparer.Ordinal)
            .ToList();
        if (running.Count < DemoScript.RunningWorkloadsNeeded)
        {
            throw new InvalidOperationException($"the scripted moments need {DemoScript.RunningWorkloadsNeeded} running team Deployments, the cluster has {running.Count}");
        }

        var step = running.Count / DemoScript.RunningWorkloadsNeeded;
        return new DemoTargets(running[0], running[step], running[2 * step], running[3 * step]);
    }

    /// <summary>The quarter-hourly CronJob the seeder adds first, which a pipeline re-applies at night.</summary>
    public static WorkloadRef ReappliedCronJob => new(WorkloadKind.CronJob, ClusterSeeder.NamespaceName(0), "cron-00001");

    /// <summary>The Deployment with its own schedule that the seeder adds.</summary>
    public static WorkloadRef OwnSchedule => new(WorkloadKind.Deployment, ClusterSeeder.NamespaceName(0), "own-schedule");
}
