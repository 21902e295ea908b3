using NodaTime;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Status;

/// <summary>
/// What <c>status</c> reads of a cluster, before any decision: <c>kubectl tarnfui status</c> reads it once per run, the
/// dashboard keeps it current with watches. Both turn it into a report with <see cref="Assemble"/>, so their rows and
/// counts cannot differ.
/// </summary>
/// <param name="Scope">The namespace reported on, or null for all of them.</param>
/// <param name="Source">Where the global configuration came from.</param>
/// <param name="Namespaces">The namespaces in scope with their annotations (for the excluded-namespace table).</param>
/// <param name="Held">The workloads with replicas that carry the stopped label.</param>
/// <param name="ScaledObjects">The KEDA ScaledObjects held paused, already made rows (their policy is their target's).</param>
/// <param name="CronJobs">Every CronJob in scope.</param>
/// <param name="HeldJobs">The Jobs that carry the stopped label.</param>
/// <param name="CronJobsDenied">Why the CronJobs could not be listed, or null.</param>
internal sealed record StatusInputs(
    string? Scope,
    string Source,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>?> Namespaces,
    IReadOnlyList<Workload> Held,
    IReadOnlyList<HeldDown> ScaledObjects,
    IReadOnlyList<Workload> CronJobs,
    IReadOnlyList<Workload> HeldJobs,
    string? CronJobsDenied)
{
    /// <summary>The report at <paramref name="now"/>: every row decided by <paramref name="resolver"/>, sorted as status prints it.</summary>
    public StatusReport Assemble(PolicyResolver resolver, Instant now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        IReadOnlyDictionary<string, string>? AnnotationsOf(string @namespace) => Namespaces.GetValueOrDefault(@namespace);
        PolicyDecision Decide(Workload workload) =>
            resolver.Resolve(workload.Ref, workload.Annotations, workload.OperatorOwned, AnnotationsOf(workload.Ref.Namespace), now, cancellationToken);

        var excluded = Namespaces
            .Select(ns => ExcludedNamespace.Of(resolver, ns.Key, ns.Value, now))
            .OfType<ExcludedNamespace>()
            .ToList();
        var held = Held
            .Select(w => HeldDown.Create(w.Ref, w.Stopped?.OriginalReplicas, w.Stopped?.StoppedAt, Decide(w), now))
            .Concat(ScaledObjects)
            .ToList();
        var cronJobs = CronJobs.Concat(HeldJobs).Select(w => CronJobRow.Create(w, Decide(w), now)).ToList();
        cronJobs.Sort((a, b) => string.CompareOrdinal($"{a.Workload.Namespace}/{a.Workload.Name}", $"{b.Workload.Namespace}/{b.Workload.Name}"));
        held.Sort((a, b) => string.CompareOrdinal($"{a.Workload.Namespace}/{a.Kind}/{a.Name}", $"{b.Workload.Namespace}/{b.Kind}/{b.Name}"));
        excluded.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return new StatusReport(now, Scope, Source, held, excluded, cronJobs) { CronJobsDenied = CronJobsDenied };
    }
}
