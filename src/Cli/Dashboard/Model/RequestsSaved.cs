using NodaTime;

namespace Tarnfui.Cli.Dashboard.Model;

/// <summary>
/// What the held workloads would request if they ran: now (per-replica requests × the replicas their records put back)
/// and accumulated since each was stopped (that × the time since its <c>stopped-at</c>).
/// </summary>
/// <param name="Now">The requests saved now.</param>
/// <param name="CoreHours">CPU saved since stopped, in core-hours.</param>
/// <param name="GibHours">Memory saved since stopped, in GiB-hours.</param>
/// <param name="Unknown">Held workloads whose requests are not known (their pod template is not read), left out of the sums.</param>
internal sealed record RequestsSaved(PodRequests Now, decimal CoreHours, decimal GibHours, int Unknown)
{
    private const decimal Gib = 1024m * 1024m * 1024m;

    public decimal MemoryGib => Now.MemoryBytes / Gib;

    /// <summary>One held workload: its per-replica requests (null: unknown), the replicas it is owed, when it was stopped.</summary>
    public readonly record struct Held(PodRequests? PerReplica, int? Replicas, Instant? StoppedAt);

    public static RequestsSaved Sum(IEnumerable<Held> held, Instant now)
    {
        ArgumentNullException.ThrowIfNull(held);
        var total = default(PodRequests);
        decimal coreHours = 0, gibHours = 0;
        var unknown = 0;
        foreach (var h in held)
        {
            if (h.PerReplica is not { } perReplica || h.Replicas is not { } replicas)
            {
                unknown++;
                continue;
            }

            var saved = perReplica * replicas;
            total = new(total.CpuCores + saved.CpuCores, total.MemoryBytes + saved.MemoryBytes);
            if (h.StoppedAt is { } at && at < now)
            {
                var hours = (decimal)(now - at).TotalHours;
                coreHours += saved.CpuCores * hours;
                gibHours += saved.MemoryBytes / Gib * hours;
            }
        }

        return new(total, coreHours, gibHours, unknown);
    }
}
