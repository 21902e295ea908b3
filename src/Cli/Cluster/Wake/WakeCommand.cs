using System.CommandLine;
using NodaTime;
using Tarnfui.Cli.Cluster.Connection;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Patching;
using Tarnfui.Cli.Cluster.Restore;
using Tarnfui.Cli.Cluster.Targets;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Wake;

/// <summary><c>kubectl tarnfui wake deploy/x --for 2h</c>: restore now and exclude until then, in one patch per workload.</summary>
internal static class WakeCommand
{
    public static Command Create(ClusterEnvironment environment)
    {
        var flags = new ConnectionFlags();
        var selection = new SelectionFlags();
        var duration = new Option<string?>("--for") { Description = "How long it stays awake, e.g. 90m, 2h, 1h30m (required)" };
        var command = new Command(
            "wake",
            $"Wake workloads up now for a while: a workload Tarnfui stopped gets its original replicas back (a CronJob its " +
            $"recorded spec.suspend), and " +
            $"{WellKnown.Annotations.ExcludeUntil} is set to now + --for in the same patch, so neither the webhook nor the " +
            $"sweeper stops it before then. A workload that is running only gets the exclusion. A wake-up ends a forced sleep: " +
            $"{WellKnown.Annotations.SleepUntil} on the workload is removed in the same patch.");
        selection.AddTo(command);
        command.Options.Add(duration);
        flags.AddTo(command);
        ClusterAction.Set(command, flags, environment, parse => Validate(parse, flags, selection, duration), RunAsync);
        return command;
    }

    private static ParseResult<(TargetSelection Selection, Duration For)> Validate(ParseResult parse, ConnectionFlags flags, SelectionFlags selection, Option<string?> duration)
    {
        var targets = selection.Read(parse, parse.GetValue(flags.AllNamespaces));
        if (!targets.IsValid)
        {
            return ParseResult<(TargetSelection, Duration)>.Fail(targets.Error);
        }

        if (parse.GetValue(duration) is not { } text)
        {
            return ParseResult<(TargetSelection, Duration)>.Fail("wake needs --for DURATION, e.g. --for 2h");
        }

        var length = DurationText.Parse(text);
        return length.IsValid
            ? ParseResult<(TargetSelection, Duration)>.Ok((targets.Value, length.Value))
            : ParseResult<(TargetSelection, Duration)>.Fail(length.Error);
    }

    // wake reads no configuration, so Tarnfui's own namespace is taken at its default.
    private static readonly HashSet<string> Untouchable = new(WellKnown.NeverTouchedNamespaces, StringComparer.Ordinal) { WellKnown.Objects.Namespace };

    private static Task<int> RunAsync(ClusterSession session, (TargetSelection Selection, Duration For) request, CancellationToken cancellationToken)
    {
        var until = session.Now + request.For;
        if (request.Selection.ScaledObjects.Count > 0)
        {
            // Policy lives on the target: it gets the exclusion, then the ScaledObject is resumed as in the morning.
            var mutator = new WorkloadMutator(session.Api);
            return ScaledObjectRestore.RunAsync(session, request.Selection.ScaledObjects, async (target, token) =>
            {
                var outcome = await mutator.ApplyAsync(target, null, (workload, namespaceAnnotations) => Decide(workload, namespaceAnnotations, until), token);
                return (!outcome.Failed, outcome.Message);
            }, cancellationToken);
        }

        return ChangeRunner.RunAsync(session, request.Selection, session.Scope, requiredSelector: null, Untouchable, (workload, namespaceAnnotations) => Decide(workload, namespaceAnnotations, until), cancellationToken);
    }

    /// <summary>Restore (when stopped) and exclude until <paramref name="until"/>, in one patch; refused when Tarnfui's record cannot be read.</summary>
    internal static WorkloadChange Decide(Workload workload, IReadOnlyDictionary<string, string>? namespaceAnnotations, Instant until)
    {
        if (workload.Ref.Kind.Stop == StopMethod.Suspend)
        {
            var resume = SuspendDecision.Of(workload);
            return resume.IsValid
                ? new WorkloadChange.Patch(
                    CliPatches.ExcludeUntil(workload, SuspendDecision.Restore(workload, resume.Value), until),
                    $"woken until {Names.Instant(until)}: {SuspendDecision.Describe(resume.Value, workload.Suspend)}")
                : new WorkloadChange.Refused($"not woken: {resume.Error}");
        }

        var verdict = RestoreDecision.Of(workload, namespaceAnnotations);
        if (!verdict.IsValid)
        {
            return new WorkloadChange.Refused($"not woken: {verdict.Error}");
        }

        var patch = CliPatches.Wake(workload, verdict.Value, until);
        return new WorkloadChange.Patch(patch, $"woken until {Names.Instant(until)}: {RestoreDecision.Describe(verdict.Value, workload.Replicas)}");
    }
}
