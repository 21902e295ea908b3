namespace Tarnfui.Sandbox.Naive;

/// <summary>How the naive sweeper learns a namespace's annotations.</summary>
public enum NamespaceReads
{
    /// <summary>One LIST of every Namespace per tick (paged like the workload lists).</summary>
    ListAll,

    /// <summary>
    /// A GET of each namespace that holds workloads of the kind being swept, skipping the never-touched ones first,
    /// as kube-downscaler does with its default <c>--exclude-namespaces</c>.
    /// </summary>
    GetEachWithWorkloads,
}

/// <summary>
/// The request pattern and the writes of a <see cref="NaiveSweeper"/>: what its users compare Tarnfui with, so each
/// keeps the pattern its published figures were measured with (see docs/benchmarks.md and the README's demo).
/// </summary>
/// <param name="PageSize">The <c>limit</c> of each LIST; null lists each kind in one response.</param>
/// <param name="Namespaces">How namespace annotations are read.</param>
/// <param name="Writes">Whether the stops and restores are sent, or only counted.</param>
public sealed record NaiveSweepMode(int? PageSize, NamespaceReads Namespaces, bool Writes)
{
    /// <summary>
    /// kube-downscaler's reads (caas-team/py-kube-downscaler, <c>autoscale_resources</c>): per kind one LIST across
    /// all namespaces without <c>limit</c>, then a GET of each namespace holding some. Nothing is written, so it can
    /// run beside Tarnfui on the same cluster at the same ticks, as the demo does: what it costs is the reading.
    /// </summary>
    public static readonly NaiveSweepMode ReadOnlyLikeKubeDownscaler = new(null, NamespaceReads.GetEachWithWorkloads, Writes: false);

    /// <summary>
    /// Every namespace, Deployment and StatefulSet listed in full, 500 a page, and the same writes as Tarnfui's
    /// sweeper: the benchmark's baseline, which runs on its own.
    /// </summary>
    public static readonly NaiveSweepMode PagedWriting = new(500, NamespaceReads.ListAll, Writes: true);
}
