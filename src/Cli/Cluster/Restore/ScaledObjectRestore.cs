using System.Net;
using k8s.Autorest;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using Tarnfui.Core.Keda;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Restore;

/// <summary>
/// <c>kubectl tarnfui restore scaledobject/NAME</c>: the morning's writes now. The target's <c>/scale</c> goes back to
/// the recorded count, then one patch removes the pause (or puts a person's value back) and the record; a pause a
/// person changed meanwhile is kept and only the record removed.
/// </summary>
internal static class ScaledObjectRestore
{
    /// <param name="session">The session.</param>
    /// <param name="names">The ScaledObjects, in the session's namespace.</param>
    /// <param name="before">
    /// A write to the target before the restore (wake's exclusion): its sentence, or an error that leaves the
    /// ScaledObject untouched. Null: none.
    /// </param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public static Task<int> RunAsync(
        ClusterSession session, IReadOnlyList<string> names, Func<WorkloadRef, CancellationToken, Task<(bool Ok, string Message)>>? before, CancellationToken cancellationToken) =>
        ScaledObjectRunner.RunAsync(session, names, (name, token) => RestoreAsync(session, name, before, token), cancellationToken);

    private static async Task<(bool Ok, string Message)> RestoreAsync(
        ClusterSession session, string name, Func<WorkloadRef, CancellationToken, Task<(bool Ok, string Message)>>? before, CancellationToken cancellationToken)
    {
        var scaledObject = await session.Api.ReadScaledObjectAsync(session.Namespace, name, cancellationToken);
        if (scaledObject is null)
        {
            return (false, $"not found in namespace {session.Namespace}");
        }

        var prefix = string.Empty;
        if (before is not null)
        {
            if (scaledObject.Target is not { } workload)
            {
                return (false, "unchanged: its scaleTargetRef names no workload Tarnfui scales");
            }

            var (done, sentence) = await before(workload, cancellationToken);
            if (!done)
            {
                return (false, $"unchanged: {Names.Of(workload)} {sentence}");
            }

            prefix = $"{Names.Of(workload)} {sentence}; ";
        }

        var (ok, message) = await ResumeAsync(session, scaledObject, cancellationToken);
        return (ok, prefix + message);
    }

    /// <summary>The morning's writes on one ScaledObject as read; <see cref="PausedScaledObjects"/> uses them for <c>--all</c> too.</summary>
    internal static async Task<(bool Ok, string Message)> ResumeAsync(ClusterSession session, ScaledObject scaledObject, CancellationToken cancellationToken)
    {
        var record = scaledObject.Record;
        if (!record.IsValid)
        {
            return (false, $"not restored: {record.Error}");
        }

        if (record.Value is not { } paused)
        {
            return (true, "unchanged: not paused by Tarnfui");
        }

        try
        {
            if (scaledObject.PausedNow != ScaledObjectRules.Format(paused.Paused))
            {
                await session.Api.PatchScaledObjectAsync(scaledObject, ScaledObjectPatches.Forget(scaledObject.Uid, scaledObject.Annotations, scaledObject.Labels), cancellationToken);
                return (true, $"restored: record removed, the {WellKnown.Keda.PausedReplicas} a person set is kept");
            }

            if (scaledObject.Target is not { } target)
            {
                return (false, "not restored: its scaleTargetRef names no workload Tarnfui scales");
            }

            await session.Api.ScaleTargetAsync(target, paused.TargetReplicas, cancellationToken);
            await session.Api.PatchScaledObjectAsync(scaledObject, ScaledObjectPatches.Resume(scaledObject.Uid, scaledObject.Annotations, scaledObject.Labels, paused), cancellationToken);
            var pause = paused.PersonPaused is { } person ? $"{WellKnown.Keda.PausedReplicas} back to {person}" : "pause removed";
            return (true, $"restored: {Names.Of(target)} scaled to {ScaledObjectRules.Format(paused.TargetReplicas)}, {pause}");
        }
        catch (HttpOperationException e) when (e.Response.StatusCode is HttpStatusCode.UnprocessableEntity or HttpStatusCode.Conflict or HttpStatusCode.NotFound)
        {
            // A failed test operation: it changed since it was read; nothing was half-written on it.
            return (false, $"not restored: it or its target changed while restoring ({ClusterAction.Describe(e)}); run restore again");
        }
    }
}
