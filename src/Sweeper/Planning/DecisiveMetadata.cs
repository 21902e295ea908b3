using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Sweeper.Planning;

/// <summary>
/// What the sweeper keeps of an object's annotations and labels: the Tarnfui keys (<see cref="WellKnown.Prefix"/>) and
/// kube-downscaler's (<see cref="WellKnown.KubeDownscaler.Prefix"/>),
/// the only ones a decision or a patch reads, taken when the object is read, as client-go informers drop
/// <c>managedFields</c> with a transform before an object enters their cache. Everything else an object carries
/// (<c>kubectl.kubernetes.io/last-applied-configuration</c>, managedFields, other tools' annotations and labels, often
/// several KB) is never copied. A map the object does not have stays null and one without a Tarnfui key is empty, so
/// the patch builders still know which maps exist.
/// </summary>
internal static class DecisiveMetadata
{
    private const string True = "true";

    // The keys as Core spells them: a kept key is this one instance, not a copy per object.
    private static readonly string[] KnownKeys =
        [.. WellKnown.Annotations.Decisive, WellKnown.Labels.Stopped, WellKnown.DeploymentAnnotations.Revision];

    // Almost every stopped workload carries exactly this label map: one shared instance.
    private static readonly SmallDictionary StoppedLabel = SmallDictionary.Of([KeyValuePair.Create(WellKnown.Labels.Stopped, True)]);

    /// <summary>
    /// The Tarnfui annotations and labels of <paramref name="metadata"/>; with <paramref name="revision"/> also the
    /// Deployment's rollout revision, which the owner cache's copy of a Deployment read in full records.
    /// </summary>
    public static WorkloadMetadata Of(V1ObjectMeta metadata, bool revision = false)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return SharedMaps.Of(
            Keep(metadata.Annotations, revision ? key => IsKept(key) || key == WellKnown.DeploymentAnnotations.Revision : IsKept),
            Labels(metadata.Labels));
    }

    /// <summary><paramref name="metadata"/> without what is not a Tarnfui key (the rollout revision a full read keeps).</summary>
    public static WorkloadMetadata WithoutRevision(WorkloadMetadata metadata)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        return metadata.Labels is null or SmallDictionary
            ? SharedMaps.Of(Annotations(metadata.Annotations), (SmallDictionary?)metadata.Labels)
            : metadata with { Annotations = Annotations(metadata.Annotations) };
    }

    /// <summary>The Tarnfui entries of <paramref name="map"/>: null when it is null.</summary>
    public static SmallDictionary? Annotations(IEnumerable<KeyValuePair<string, string>>? map) => Keep(map, IsKept);

    /// <summary>The Tarnfui labels of <paramref name="map"/>: null when it is null.</summary>
    public static SmallDictionary? Labels(IEnumerable<KeyValuePair<string, string>>? map)
    {
        var kept = Keep(map, IsKept);
        return kept is { Count: 1 } && kept.TryGetValue(WellKnown.Labels.Stopped, out var value) && value == True ? StoppedLabel : kept;
    }

    /// <summary>Whether <paramref name="kept"/> is what <see cref="Of(V1ObjectMeta, bool)"/> keeps of <paramref name="metadata"/> (without the revision).</summary>
    public static bool Matches(WorkloadMetadata kept, V1ObjectMeta metadata)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(metadata);
        return Matches(kept.Annotations, metadata.Annotations) && Matches(kept.Labels, metadata.Labels);
    }

    /// <summary>Whether two kept forms carry the same Tarnfui keys and values (a revision aside).</summary>
    public static bool Matches(WorkloadMetadata kept, WorkloadMetadata other)
    {
        ArgumentNullException.ThrowIfNull(kept);
        ArgumentNullException.ThrowIfNull(other);
        return Matches(kept.Annotations, other.Annotations) && Matches(kept.Labels, other.Labels);
    }

    // kube-downscaler's keys too: few objects carry them, and with Policy:KubeDownscalerAnnotations they decide.
    public static bool IsKept(string key) => DecisiveKeys.Is(key);

    // Compared without making the kept form: same presence of the map, same Tarnfui entries.
    private static bool Matches(IReadOnlyDictionary<string, string>? kept, IEnumerable<KeyValuePair<string, string>>? map)
    {
        if (kept is null || map is null)
        {
            return kept is null && map is null;
        }

        var count = 0;
        foreach (var (key, value) in map)
        {
            if (IsKept(key))
            {
                count++;
                if (!kept.TryGetValue(key, out var keptValue) || keptValue != value)
                {
                    return false;
                }
            }
        }

        return count == kept.Count(entry => IsKept(entry.Key));
    }

    private static SmallDictionary? Keep(IEnumerable<KeyValuePair<string, string>>? map, Func<string, bool> keep)
    {
        if (map is null)
        {
            return null;
        }

        var kept = new List<KeyValuePair<string, string>>();
        foreach (var (key, value) in map)
        {
            if (keep(key))
            {
                kept.Add(KeyValuePair.Create(Array.Find(KnownKeys, k => k == key) ?? key, value == True ? True : SharedStrings.Share(value)));
            }
        }

        return SharedMaps.Share(SmallDictionary.Of(kept));
    }
}
