using System.CommandLine;
using System.Net;
using k8s.Autorest;
using Tarnfui.Cli.Cluster.Connection;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Status;

/// <summary><c>kubectl tarnfui status [-A]</c>: what Tarnfui holds down, since when, when it comes back; CronJobs; excluded namespaces.</summary>
internal static class StatusCommand
{
    public static Command Create(ClusterEnvironment environment)
    {
        var flags = new ConnectionFlags();
        var policy = new PolicyFlags();
        var command = new Command(
            "status",
            "List the workloads Tarnfui holds down (label " + WellKnown.Labels.StoppedSelector + "): since when, their original replicas, " +
            "when they come back; every CronJob with who holds its spec.suspend (Tarnfui, a person, or no one) and, for one Tarnfui " +
            "holds, when working hours resume it, and when each next starts a Job (in its spec.timeZone); and the namespaces that are excluded. The global schedule is read from Tarnfui's ConfigMap " +
            $"{WellKnown.Objects.ConfigMap} in namespace {WellKnown.Objects.Namespace} (--tarnfui-namespace) when it is there and readable; " +
            "the --uptime/--downtime/--timezone/--holiday/--exclude-namespace flags override it; otherwise the sweeper's defaults apply.");
        flags.AddTo(command);
        policy.AddTo(command);
        ClusterAction.Set(command, flags, environment, parse => Validate(parse, policy), RunAsync);
        return command;
    }

    private static ParseResult<PolicyOverrides> Validate(ParseResult parse, PolicyFlags flags)
    {
        var overrides = flags.Read(parse);

        // The flags alone must make sense; whether they fit the cluster's ConfigMap is checked once it is read.
        var alone = PolicyConfiguration.Create(null, overrides);
        return alone.IsValid ? ParseResult<PolicyOverrides>.Ok(overrides) : ParseResult<PolicyOverrides>.Fail(alone.Error);
    }

    private static async Task<int> RunAsync(ClusterSession session, PolicyOverrides overrides, CancellationToken cancellationToken)
    {
        var loaded = await ClusterPolicy.LoadAsync(session.Api, overrides, cancellationToken);
        if (!loaded.IsValid)
        {
            await session.Error.WriteLineAsync($"error: {loaded.Error}");
            return ClusterAction.RuntimeError;
        }

        var resolver = loaded.Value.Resolver;
        var namespaces = new Dictionary<string, IReadOnlyDictionary<string, string>?>(StringComparer.Ordinal);
        if (session.AllNamespaces)
        {
            // One LIST of namespaces serves both the excluded-namespace table and every workload's namespace policy.
            await foreach (var (name, annotations) in session.Api.ListNamespacesAsync(cancellationToken))
            {
                namespaces[name] = annotations;
            }
        }
        else
        {
            namespaces[session.Namespace] = await session.Api.NamespaceAnnotationsAsync(session.Namespace, cancellationToken);
        }

        var held = new List<Workload>();
        foreach (var kind in WorkloadKind.WithReplicas)
        {
            await foreach (var workload in session.Api.ListAsync(kind, session.Scope, WellKnown.Labels.StoppedSelector, metadataOnly: true, cancellationToken))
            {
                held.Add(workload);
            }
        }

        // KEDA ScaledObjects Tarnfui holds paused (their policy is their target's); none without the CRD.
        var scaledObjects = new List<HeldDown>();
        foreach (var scaledObject in await session.Api.ListScaledObjectsAsync(session.Scope, WellKnown.Labels.StoppedSelector, cancellationToken))
        {
            if (await ScaledObjectRow.CreateAsync(session, resolver, scaledObject, cancellationToken) is { } row)
            {
                scaledObjects.Add(row);
            }
        }

        // Every CronJob, not only those Tarnfui holds: one a person suspended, or resumed overnight, is worth seeing too.
        var cronJobs = new List<Workload>();
        string? cronJobsDenied = null;
        try
        {
            await foreach (var cronJob in session.Api.ListAsync(WorkloadKind.CronJob, session.Scope, labelSelector: null, metadataOnly: false, cancellationToken))
            {
                cronJobs.Add(cronJob);
            }
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Forbidden)
        {
            // A user who may read Deployments but not CronJobs still gets the rest of the report, told what is missing.
            cronJobs.Clear();
            cronJobsDenied = ClusterAction.Describe(e);
        }

        // Jobs only where Tarnfui holds them (the stopped label): a cluster's finished Jobs are many and say nothing.
        var jobs = new List<Workload>();
        await foreach (var job in session.Api.ListAsync(WorkloadKind.Job, session.Scope, WellKnown.Labels.StoppedSelector, metadataOnly: false, cancellationToken))
        {
            jobs.Add(job);
        }

        var inputs = new StatusInputs(session.Scope, loaded.Value.Source, namespaces, held, scaledObjects, cronJobs, jobs, cronJobsDenied);
        inputs.Assemble(resolver, session.Now, cancellationToken).Write(session.Out, session.Format);
        return ClusterAction.Ok;
    }
}
