using System.Net;
using k8s.Autorest;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Workloads;

/// <summary>
/// Read, decide, patch with a resourceVersion test; when the workload changed in between (409, or 422 from the failed
/// test), read it again and decide again, a bounded number of times.
/// </summary>
internal sealed class WorkloadMutator(WorkloadApi api)
{
    private const int Attempts = 5;

    /// <param name="target">The workload.</param>
    /// <param name="known">The workload as already listed, used for the first attempt; null to GET it.</param>
    /// <param name="decide">The pure decision from the workload and its namespace's annotations.</param>
    /// <param name="cancellationToken">Cancels the calls.</param>
    public async Task<ChangeOutcome> ApplyAsync(
        WorkloadRef target,
        Workload? known,
        Func<Workload, IReadOnlyDictionary<string, string>?, WorkloadChange> decide,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(decide);
        for (var attempt = 1; ; attempt++)
        {
            var workload = known ?? await api.ReadAsync(target, cancellationToken);
            known = null;
            if (workload is null)
            {
                return new ChangeOutcome(target, ChangeResult.NotFound, $"Error from server (NotFound): {target.Resource}.{target.Kind.Group} \"{target.Name}\" not found in namespace {target.Namespace}");
            }

            var namespaceAnnotations = await api.NamespaceAnnotationsAsync(target.Namespace, cancellationToken);
            switch (decide(workload, namespaceAnnotations))
            {
                case WorkloadChange.Unchanged unchanged:
                    return new ChangeOutcome(target, ChangeResult.Unchanged, unchanged.Why);
                case WorkloadChange.Refused refused:
                    return new ChangeOutcome(target, ChangeResult.Refused, refused.Why);
                case WorkloadChange.Patch patch:
                    try
                    {
                        await api.PatchAsync(target, patch.Operations.ToJsonString(), cancellationToken);
                        return new ChangeOutcome(target, ChangeResult.Changed, patch.Done);
                    }
                    catch (HttpOperationException e) when (attempt < Attempts && e.Response.StatusCode is HttpStatusCode.Conflict or HttpStatusCode.UnprocessableEntity)
                    {
                        // 409 is a conflict by definition; a 422 is one only if the resourceVersion test failed, that is
                        // if the object moved on. Otherwise the patch itself is wrong and retrying cannot help.
                        if (e.Response.StatusCode == HttpStatusCode.UnprocessableEntity && !await MovedOnAsync(target, workload.ResourceVersion, cancellationToken))
                        {
                            throw;
                        }

                        continue;
                    }

                default:
                    throw new InvalidOperationException("unknown change");
            }
        }
    }

    private async Task<bool> MovedOnAsync(WorkloadRef target, string testedVersion, CancellationToken cancellationToken)
    {
        var now = await api.ReadAsync(target, cancellationToken);
        return now is null || now.ResourceVersion != testedVersion;
    }
}
