using System.Text.Json;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Core;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Sandbox.Demo;

/// <summary>
/// Every Job the emulated CronJob controller created during the demo, with its creationTimestamp, read straight from
/// the sandbox's store after each step (the controller trims finished Jobs to the history limits, so the store at the
/// end no longer shows the early ones), and the CronJobs' <c>spec.suspend</c> as the store has it.
/// </summary>
internal sealed class JobLedger
{
    private readonly Dictionary<string, Instant> _created = new(StringComparer.Ordinal);

    /// <summary>Records the Jobs the store holds now; a Job already seen keeps its first reading.</summary>
    public void Record(ObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        foreach (var job in store.All(ResourceTypes.Jobs))
        {
            var key = job.Namespace + "/" + job.Name;
            if (!_created.ContainsKey(key) && CreatedByCronJob(job) is { } at)
            {
                _created[key] = at;
            }
        }
    }

    /// <summary>How many Jobs were created at or after <paramref name="from"/> and before <paramref name="until"/>.</summary>
    public int StartedBetween(Instant from, Instant until) => _created.Values.Count(at => at >= from && at < until);

    /// <summary>The Jobs created at or after <paramref name="from"/> and before <paramref name="until"/>, by namespace/name.</summary>
    public IReadOnlyList<string> NamesBetween(Instant from, Instant until) =>
        [.. _created.Where(j => j.Value >= from && j.Value < until).Select(j => j.Key).Order(StringComparer.Ordinal)];

    /// <summary>Every Job of a CronJob seen.</summary>
    public int Count => _created.Count;

    /// <summary>Each CronJob's <c>spec.suspend</c> (unset reads as false) and whether Tarnfui's stop label is on it.</summary>
    public static IReadOnlyDictionary<string, (bool Suspend, bool HeldByTarnfui, string? OriginalSuspend)> CronJobs(ObjectStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var cronJobs = new Dictionary<string, (bool, bool, string?)>(StringComparer.Ordinal);
        foreach (var cronJob in store.All(ResourceTypes.CronJobs))
        {
            using var document = JsonDocument.Parse(cronJob.Json);
            var root = document.RootElement;
            var suspend = root.TryGetProperty("spec", out var spec) && spec.TryGetProperty("suspend", out var s) && s.ValueKind == JsonValueKind.True;
            string? original = null;
            if (root.GetProperty("metadata").TryGetProperty("annotations", out var annotations) && annotations.ValueKind == JsonValueKind.Object
                && annotations.TryGetProperty(WellKnown.Annotations.OriginalSuspend, out var text))
            {
                original = text.GetString();
            }

            cronJobs[cronJob.Namespace + "/" + cronJob.Name] = (suspend, cronJob.Label(WellKnown.Labels.Stopped) == "true", original);
        }

        return cronJobs;
    }

    // The creationTimestamp of a Job a CronJob owns; null for others (the seeded finished Jobs).
    private static Instant? CreatedByCronJob(StoredObject job)
    {
        using var document = JsonDocument.Parse(job.Json);
        var metadata = document.RootElement.GetProperty("metadata");
        var owned = metadata.TryGetProperty("ownerReferences", out var owners) && owners.ValueKind == JsonValueKind.Array
                    && owners.EnumerateArray().Any(o => o.TryGetProperty("kind", out var kind) && kind.GetString() == "CronJob");
        return owned && metadata.TryGetProperty("creationTimestamp", out var created) && created.GetString() is { } text
               && InstantPattern.ExtendedIso.Parse(text) is { Success: true } parsed
            ? parsed.Value
            : null;
    }
}
