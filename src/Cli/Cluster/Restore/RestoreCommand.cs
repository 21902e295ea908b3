using System.CommandLine;
using Tarnfui.Cli.Cluster.Connection;
using Tarnfui.Cli.Cluster.Patching;
using Tarnfui.Cli.Cluster.Targets;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Restore;

/// <summary><c>kubectl tarnfui restore --all</c>: put back what Tarnfui stopped and remove its record (before uninstalling).</summary>
internal static class RestoreCommand
{
    public static Command Create(ClusterEnvironment environment)
    {
        var flags = new ConnectionFlags();
        var selection = new SelectionFlags();
        var command = new Command(
            "restore",
            "Bring back workloads Tarnfui stopped: replicas to their original count (a CronJob's spec.suspend to its recorded " +
            $"value), Tarnfui's record removed, one patch each; a change a person made meanwhile is kept. The only way back for one under " +
            $"{WellKnown.Annotations.Restore}={WellKnown.Annotations.ManualRestoreValue}; it ends a forced sleep ({WellKnown.Annotations.SleepUntil} on the workload is removed). " +
            "--all restores every workload Tarnfui holds down and every KEDA ScaledObject it holds paused in every namespace (or only in -n NAMESPACE when given; -l selects both by their labels): run it " +
            "before uninstalling. While the sweeper runs it stops them again at its next off-hours sweep; use wake to keep one up.");
        selection.AddTo(command);
        flags.AddTo(command);
        ClusterAction.Set(command, flags, environment, parse => selection.Read(parse, parse.GetValue(flags.AllNamespaces)), RunAsync);
        return command;
    }

    private static Task<int> RunAsync(ClusterSession session, TargetSelection selection, CancellationToken cancellationToken)
    {
        if (selection.ScaledObjects.Count > 0)
        {
            return ScaledObjectRestore.RunAsync(session, selection.ScaledObjects, before: null, cancellationToken);
        }

        // Restore --all exists for uninstalling: cluster-wide unless a namespace was named.
        var scope = session.AllNamespaces || (selection.All && !session.NamespaceGiven) ? null : session.Namespace;
        return RestoreAllAsync(session, selection, scope, cancellationToken);
    }

    // Workloads and, for --all and -l, the ScaledObjects Tarnfui holds paused: the ScaledObjects first, reported with them.
    private static async Task<int> RestoreAllAsync(ClusterSession session, TargetSelection selection, string? scope, CancellationToken cancellationToken)
    {
        var scaledObjects = selection.Names.Count == 0
            ? await PausedScaledObjects.RestoreAsync(session, scope, selection.LabelSelector, cancellationToken)
            : ((System.Text.Json.Nodes.JsonArray Items, bool Failed)?)null;
        return await ChangeRunner.RunAsync(session, selection, scope, WellKnown.Labels.StoppedSelector, untouchable: null, Decide, cancellationToken, scaledObjects);
    }

    internal static WorkloadChange Decide(Workload workload, IReadOnlyDictionary<string, string>? namespaceAnnotations)
    {
        if (!workload.HasState)
        {
            return new WorkloadChange.Unchanged("unchanged: not stopped by Tarnfui");
        }

        if (workload.Ref.Kind.Stop == StopMethod.Suspend)
        {
            var resume = SuspendDecision.Of(workload);
            return resume.IsValid
                ? new WorkloadChange.Patch(CliPatches.EndSleep(workload, SuspendDecision.Restore(workload, resume.Value)), $"restored: {SuspendDecision.Describe(resume.Value, workload.Suspend)}")
                : new WorkloadChange.Refused($"not restored: {resume.Error}");
        }

        var verdict = RestoreDecision.Of(workload, namespaceAnnotations);
        if (!verdict.IsValid)
        {
            return new WorkloadChange.Refused($"not restored: {verdict.Error}");
        }

        return new WorkloadChange.Patch(CliPatches.EndSleep(workload, CliPatches.Restore(workload, verdict.Value)), $"restored: {RestoreDecision.Describe(verdict.Value, workload.Replicas)}");
    }
}
