using System.CommandLine;
using Tarnfui.Cli.Cluster.Connection;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Cli.Cluster.Targets;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Explain;

/// <summary><c>kubectl tarnfui explain deploy/x</c> (or <c>cj/x</c>): the effective schedule and its source, exclusions, the decision now, what comes next.</summary>
internal static class ExplainCommand
{
    public static Command Create(ClusterEnvironment environment)
    {
        var flags = new ConnectionFlags();
        var policy = new PolicyFlags();
        var target = new Argument<string>("workload") { Description = "KIND/NAME: deploy/NAME, sts/NAME or cj/NAME (deployment, statefulset, cronjob also work); so/NAME explains the workload a KEDA ScaledObject scales" };
        var command = new Command(
            "explain",
            "Explain what Tarnfui does with one workload: the schedule that applies and where it comes from (workload, namespace " +
            "or global), its exclusions, the decision now and the next transitions. The global schedule is read as for status.");
        command.Arguments.Add(target);
        flags.AddTo(command, allNamespaces: false);
        policy.AddTo(command);
        ClusterAction.Set(command, flags, environment, parse => Validate(parse, target, policy), RunAsync);
        return command;
    }

    private static ParseResult<(WorkloadTarget Target, PolicyOverrides Overrides)> Validate(ParseResult parse, Argument<string> target, PolicyFlags flags)
    {
        // A ScaledObject is explained through the workload it scales (read once connected), where its policy lives.
        var text = parse.GetValue(target);
        var workload = ScaledObjectTarget.NameIn(text) is { } scaledObject
            ? ParseResult<WorkloadTarget>.Ok(new WorkloadTarget(WorkloadKind.Deployment, scaledObject) { ScaledObject = true })
            : WorkloadTarget.Parse(text);
        if (!workload.IsValid)
        {
            return ParseResult<(WorkloadTarget, PolicyOverrides)>.Fail(workload.Error);
        }

        var overrides = flags.Read(parse);
        var alone = PolicyConfiguration.Create(null, overrides);
        return alone.IsValid
            ? ParseResult<(WorkloadTarget, PolicyOverrides)>.Ok((workload.Value, overrides))
            : ParseResult<(WorkloadTarget, PolicyOverrides)>.Fail(alone.Error);
    }

    private static async Task<int> RunAsync(ClusterSession session, (WorkloadTarget Target, PolicyOverrides Overrides) request, CancellationToken cancellationToken)
    {
        var reference = request.Target.In(session.Namespace);
        if (request.Target.ScaledObject)
        {
            var named = await session.Api.ReadScaledObjectAsync(session.Namespace, request.Target.Name, cancellationToken);
            if (named?.Target is not { } target)
            {
                await session.Error.WriteLineAsync(named is null
                    ? $"Error from server (NotFound): {WellKnown.Keda.ScaledObjects}.{WellKnown.Keda.Group} \"{request.Target.Name}\" not found in namespace {session.Namespace}"
                    : $"error: scaledobject/{request.Target.Name}: its scaleTargetRef names no workload Tarnfui scales");
                return ClusterAction.RuntimeError;
            }

            reference = target;
        }

        var workload = await session.Api.ReadAsync(reference, cancellationToken);
        if (workload is null)
        {
            await session.Error.WriteLineAsync($"Error from server (NotFound): {reference.Resource}.{reference.Kind.Group} \"{reference.Name}\" not found in namespace {reference.Namespace}");
            return ClusterAction.RuntimeError;
        }

        var loaded = await ClusterPolicy.LoadAsync(session.Api, request.Overrides, cancellationToken);
        if (!loaded.IsValid)
        {
            await session.Error.WriteLineAsync($"error: {loaded.Error}");
            return ClusterAction.RuntimeError;
        }

        var namespaceAnnotations = await session.Api.NamespaceAnnotationsAsync(reference.Namespace, cancellationToken);
        // A kind stopped through spec.suspend has no count for an HPA or KEDA to scale.
        var scaled = reference.Kind.Stop == StopMethod.Replicas;
        var autoscaler = scaled
            ? AutoscalerNote.Find(await session.Api.ListAutoscalersAsync(reference.Namespace, cancellationToken), reference)
            : null;
        var scaledObject = scaled
            ? ScaledObjectNote.Find(await session.Api.ListScaledObjectsAsync(reference.Namespace, labelSelector: null, cancellationToken), reference)
            : null;
        ExplanationWriter.Write(Explanation.Create(workload, namespaceAnnotations, loaded.Value, session.Now, autoscaler, scaledObject), session.Out, session.Format);
        return ClusterAction.Ok;
    }
}
