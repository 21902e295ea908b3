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
        var length = new SleepLength();
        var command = new Command(
            "sleep",
            "Stop workloads now, the way the sweeper does: replicas to the downtime value together with " +
            $"{WellKnown.Annotations.OriginalReplicas}, {WellKnown.Annotations.StoppedAt} and the {WellKnown.Labels.Stopped} label, in one " +
            $"patch with a resourceVersion test; a CronJob gets spec.suspend true and {WellKnown.Annotations.OriginalSuspend} instead of a count. Ends a wake-up ({WellKnown.Annotations.ExcludeUntil} on the workload is removed); refuses " +
            "workloads that are otherwise excluded. In working hours the sweeper restores it at its next sweep, unless --until or --for " +
            $"make it a forced sleep: {WellKnown.Annotations.SleepUntil} is written in the same patch and keeps it stopped until then, even in " +
            "working hours. The global schedule is read as for status.");
        selection.AddTo(command);
        length.AddTo(command);
        flags.AddTo(command);
        policy.AddTo(command);
        ClusterAction.Set(command, flags, environment, parse => Validate(parse, flags, selection, policy, length), RunAsync);
        return command;
    }

    private static ParseResult<SleepRequest> Validate(ParseResult parse, ConnectionFlags flags, SelectionFlags selection, PolicyFlags policy, SleepLength length)
    {
        var targets = selection.Read(parse, parse.GetValue(flags.AllNamespaces));
        if (!targets.IsValid)
        {
            return ParseResult<SleepRequest>.Fail(targets.Error);
        }

        var sleep = length.Read(parse);
        if (!sleep.IsValid)
        {
            return ParseResult<SleepRequest>.Fail(sleep.Error);
        }

        var overrides = policy.Read(parse);
        var alone = PolicyConfiguration.Create(null, overrides);
        return alone.IsValid
            ? ParseResult<SleepRequest>.Ok(new SleepRequest(targets.Value, overrides, sleep.Value))
            : ParseResult<SleepRequest>.Fail(alone.Error);
    }

    private sealed record SleepRequest(TargetSelection Selection, PolicyOverrides Overrides, SleepLength.Requested? Length);

    private static async Task<int> RunAsync(ClusterSession session, SleepRequest request, CancellationToken cancellationToken)
    {
        var loaded = await ClusterPolicy.LoadAsync(session.Api, request.Overrides, cancellationToken);
        if (!loaded.IsValid)
        {
            await session.Error.WriteLineAsync($"error: {loaded.Error}");
            return ClusterAction.RuntimeError;
        }

        if (request.Selection.ScaledObjects.Count > 0)
        {
            if (request.Length is not null)
            {
                // sleep-until is the target's, where policy lives.
                await session.Error.WriteLineAsync("error: a forced sleep (--until, --for) is written on the workload: name the workload the ScaledObject scales (e.g. deploy/NAME)");
                return ClusterAction.UsageError;
            }

            return await ScaledObjectSleep.RunAsync(session, request.Selection.ScaledObjects, cancellationToken);
        }

        Instant? until = null;
        if (request.Length is { } length)
        {
            var end = length.Until(loaded.Value.Resolver.Global.TimeZone, session.Now);
            if (!end.IsValid)
            {
                await session.Error.WriteLineAsync($"error: {end.Error}");
                return ClusterAction.UsageError;
            }

            until = end.Value;
        }

        return await ChangeRunner.RunAsync(
            session,
            request.Selection,
            session.Scope,
            requiredSelector: null,
            loaded.Value.Resolver.Global.NeverTouchedNamespaces,
            (workload, namespaceAnnotations) => Decide(workload, namespaceAnnotations, loaded.Value.Resolver, session.Now, bulk: request.Selection.Names.Count == 0, until),
            cancellationToken);
    }

    /// <param name="workload">The workload as read.</param>
    /// <param name="namespaceAnnotations">Its namespace's annotations.</param>
    /// <param name="resolver">The policy.</param>
    /// <param name="now">The instant of the stop.</param>
    /// <param name="bulk">Chosen by -l or --all: an excluded workload is skipped quietly instead of refused.</param>
    /// <param name="until">The end of a forced sleep (<c>--until</c>, <c>--for</c>), written as <c>sleep-until</c>; null for a sleep until the next working hours.</param>
    internal static WorkloadChange Decide(Workload workload, IReadOnlyDictionary<string, string>? namespaceAnnotations, PolicyResolver resolver, Instant now, bool bulk = false, Instant? until = null)
    {
        // The wake-up this sleep ends must not count: decide as if the workload's own exclude-until were gone, and as if
        // the forced sleep asked for were written already.
        var withoutWake = workload.Annotations.Where(a => a.Key != WellKnown.Annotations.ExcludeUntil).ToDictionary(a => a.Key, a => a.Value, StringComparer.Ordinal);
        if (until is { } end)
        {
            withoutWake[WellKnown.Annotations.SleepUntil] = AnnotationValues.FormatInstant(end);
        }

        var change = DecideStop(workload, namespaceAnnotations, resolver.Resolve(workload.Ref, withoutWake, workload.OperatorOwned, namespaceAnnotations, now), now, bulk);
        return until is { } sleepsUntil ? Sleeps(workload, change, sleepsUntil, now) : change;
    }

    // A forced sleep adds sleep-until to the stop's patch, or writes it alone on a workload already down.
    private static WorkloadChange Sleeps(Workload workload, WorkloadChange change, Instant until, Instant now) => change switch
    {
        WorkloadChange.Patch patch => new WorkloadChange.Patch(CliPatches.SleepUntil(workload, patch.Operations, until), $"{patch.Done}; sleeps until {Names.When(until, now)}"),
        WorkloadChange.Unchanged unchanged when !unchanged.Why.StartsWith("skipped", StringComparison.Ordinal) => new WorkloadChange.Patch(
            CliPatches.SleepUntil(workload, CliPatches.Tested(workload), until), $"sleeps until {Names.When(until, now)} ({unchanged.Why})"),
        _ => change,
    };

    private static WorkloadChange DecideStop(Workload workload, IReadOnlyDictionary<string, string>? namespaceAnnotations, PolicyDecision decision, Instant now, bool bulk)
    {
        string? note = null;
        int downtime;
        switch (decision)
        {
            case PolicyDecision.Exempt exempt:
                return bulk ? new WorkloadChange.Unchanged($"skipped: {exempt.Detail}") : new WorkloadChange.Refused($"not stopped: {exempt.Detail}");
            case PolicyDecision.Invalid invalid:
                return new WorkloadChange.Refused($"not stopped: {invalid.Message} (an invalid annotation never stops a workload)");
            case PolicyDecision.OffHours { Forced: not null } forced:
                downtime = forced.DowntimeReplicas;
                note = string.Empty;
                break;
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
