using System.CommandLine;
using System.Globalization;
using NodaTime;
using Tarnfui.Cli.Cluster.Connection;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Patching;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Cli.Cluster.Targets;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Cli.Cluster.Sleep;

/// <summary><c>kubectl tarnfui sleep deploy/x</c> (or <c>cj/x</c>): stop now, exactly as the sweeper stops (one patch, count or suspend and record together).</summary>
internal static class SleepCommand
{
    public static Command Create(ClusterEnvironment environment)
    {
        var flags = new ConnectionFlags();
        var selection = new SelectionFlags();
        var policy = new PolicyFlags();
        var command = new Command(
            "sleep",
            "Stop workloads now, the way the sweeper does: replicas to the downtime value together with " +
            $"{WellKnown.Annotations.OriginalReplicas}, {WellKnown.Annotations.StoppedAt} and the {WellKnown.Labels.Stopped} label, in one " +
            $"patch with a resourceVersion test; a CronJob gets spec.suspend true and {WellKnown.Annotations.OriginalSuspend} instead of a count. Ends a wake-up ({WellKnown.Annotations.ExcludeUntil} on the workload is removed); refuses " +
            "workloads that are otherwise excluded. In working hours the sweeper restores it at its next sweep. The global " +
            "schedule is read as for status.");
        selection.AddTo(command);
        flags.AddTo(command);
        policy.AddTo(command);
        ClusterAction.Set(command, flags, environment, parse => Validate(parse, flags, selection, policy), RunAsync);
        return command;
    }

    private static ParseResult<(TargetSelection Selection, PolicyOverrides Overrides)> Validate(ParseResult parse, ConnectionFlags flags, SelectionFlags selection, PolicyFlags policy)
    {
        var targets = selection.Read(parse, parse.GetValue(flags.AllNamespaces));
        if (!targets.IsValid)
        {
            return ParseResult<(TargetSelection, PolicyOverrides)>.Fail(targets.Error);
        }

        var overrides = policy.Read(parse);
        var alone = PolicyConfiguration.Create(null, overrides);
        return alone.IsValid
            ? ParseResult<(TargetSelection, PolicyOverrides)>.Ok((targets.Value, overrides))
            : ParseResult<(TargetSelection, PolicyOverrides)>.Fail(alone.Error);
    }

    private static async Task<int> RunAsync(ClusterSession session, (TargetSelection Selection, PolicyOverrides Overrides) request, CancellationToken cancellationToken)
    {
        var loaded = await ClusterPolicy.LoadAsync(session.Api, request.Overrides, cancellationToken);
        if (!loaded.IsValid)
        {
            await session.Error.WriteLineAsync($"error: {loaded.Error}");
            return ClusterAction.RuntimeError;
        }

        return await ChangeRunner.RunAsync(
            session,
            request.Selection,
            session.Scope,
            requiredSelector: null,
            loaded.Value.Resolver.Global.NeverTouchedNamespaces,
            (workload, namespaceAnnotations) => Decide(workload, namespaceAnnotations, loaded.Value.Resolver, session.Now, bulk: request.Selection.Names.Count == 0),
            cancellationToken);
    }

    /// <param name="workload">The workload as read.</param>
    /// <param name="namespaceAnnotations">Its namespace's annotations.</param>
    /// <param name="resolver">The policy.</param>
    /// <param name="now">The instant of the stop.</param>
    /// <param name="bulk">Chosen by -l or --all: an excluded workload is skipped quietly instead of refused.</param>
    internal static WorkloadChange Decide(Workload workload, IReadOnlyDictionary<string, string>? namespaceAnnotations, PolicyResolver resolver, Instant now, bool bulk = false)
    {
        // The wake-up this sleep ends must not count: decide as if the workload's own exclude-until were gone.
        var withoutWake = workload.Annotations.Where(a => a.Key != WellKnown.Annotations.ExcludeUntil).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        var decision = resolver.Resolve(workload.Ref, withoutWake, workload.OperatorOwned, namespaceAnnotations, now);
        string? note = null;
        int downtime;
        switch (decision)
        {
            case PolicyDecision.Exempt exempt:
                return bulk ? new WorkloadChange.Unchanged($"skipped: {exempt.Detail}") : new WorkloadChange.Refused($"not stopped: {exempt.Detail}");
            case PolicyDecision.Invalid invalid:
                return new WorkloadChange.Refused($"not stopped: {invalid.Message} (an invalid annotation never stops a workload)");
            case PolicyDecision.OffHours off:
                downtime = off.DowntimeReplicas;
                break;
            case PolicyDecision.WorkingHours working:
                // Resolve has read downtime-replicas already (an unreadable one is Invalid), so this parses.
                downtime = workload.Ref.Kind.Stop == StopMethod.Replicas ? ReplicaRules.DowntimeReplicas(workload.Annotations, namespaceAnnotations).Value : 0;
                note = "; it is working hours, so the sweeper restores it at its next sweep"
                    + (working.NextOffHours is { } next ? $" (off-hours start {Names.When(next, now)})" : string.Empty);
                break;
            default:
                throw new InvalidOperationException("unknown decision");
        }

        if (workload.Ref.Kind.Stop == StopMethod.Suspend)
        {
            var (patch, message, refused) = SuspendDecision.Sleep(workload, now, note ?? string.Empty);
            return patch is not null ? new WorkloadChange.Patch(patch, message)
                : refused ? new WorkloadChange.Refused(message)
                : new WorkloadChange.Unchanged(message);
        }

        var replicas = workload.Replicas ?? throw new InvalidOperationException("sleep needs the workload's replicas");
        return ReplicaRules.ForOffHours(replicas, downtime, workload.State) switch
        {
            StopVerdict.ScaleDown stop => new WorkloadChange.Patch(
                CliPatches.Stop(workload, stop.From, stop.To, now, endWake: true),
                $"stopped: {I(stop.From)} -> {I(stop.To)} replicas{note}"),
            StopVerdict.AlreadyStopped already => new WorkloadChange.Unchanged($"unchanged: already stopped by Tarnfui (original {I(already.State.OriginalReplicas)} replicas)"),
            StopVerdict.AtOrBelowDowntime low => new WorkloadChange.Unchanged($"unchanged: {I(low.Replicas)} replicas is not above its downtime replicas ({I(low.DowntimeReplicas)})"),
            StopVerdict.InvalidState bad => new WorkloadChange.Refused($"not stopped: {bad.Message}"),
            _ => throw new InvalidOperationException("unknown verdict"),
        };
    }

    private static string I(int value) => value.ToString(CultureInfo.InvariantCulture);
}
