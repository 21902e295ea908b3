using System.Text.Json.Nodes;
using Tarnfui.Core.Policy;
using Tarnfui.Core.Replicas;
using Tarnfui.Core.Schedule;

namespace Tarnfui.Cli.Cluster.Migrate;

/// <summary>One kube-downscaler annotation and the Tarnfui annotation it becomes (<see cref="ToKey"/> null when it cannot).</summary>
internal sealed record KeyMove(string FromKey, string FromValue, string? ToKey, string? ToValue);

/// <summary>
/// What <c>migrate --from kube-downscaler</c> does to one object, decided purely from its annotations: every
/// <c>downscaler/*</c> key becomes its Tarnfui equivalent (through <see cref="KubeDownscalerMapping"/>, the table the
/// compatibility mode reads), all in one patch, or the object is left as it is with the reason.
/// </summary>
/// <param name="Moves">The object's kube-downscaler keys, each with what it becomes.</param>
/// <param name="Unmappable">Why the object is left as it is, or null when all of it can move.</param>
internal sealed record MigrationPlan(IReadOnlyList<KeyMove> Moves, string? Unmappable)
{
    /// <summary>The plan for an object with <paramref name="annotations"/>; null when it carries no kube-downscaler key.</summary>
    /// <param name="annotations">The object's annotations as read.</param>
    /// <param name="defaults">The configured defaults a schedule spec is checked with, as the sweeper will read it.</param>
    public static MigrationPlan? Of(IReadOnlyDictionary<string, string>? annotations, ScheduleDefaults defaults)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        var theirs = annotations?.Where(a => KubeDownscalerMapping.IsKubeDownscalerKey(a.Key)).OrderBy(a => a.Key, StringComparer.Ordinal).ToList();
        if (theirs is null || theirs.Count == 0)
        {
            return null;
        }

        var moves = new List<KeyMove>();
        string? unmappable = null;
        foreach (var (key, value) in theirs)
        {
            var target = KubeDownscalerMapping.Equivalents.FirstOrDefault(e => e.Value == key).Key;
            var translated = KubeDownscalerMapping.Translate(key, value);
            var problem = translated.Error
                ?? (target is null ? null : SpecProblem(target, translated.Value, defaults))
                ?? (target is not null && annotations!.TryGetValue(target, out var present) && present != translated.Value
                    ? $"{target} is already set to \"{present}\", not \"{translated.Value}\"; remove one of the two"
                    : null);
            moves.Add(new KeyMove(key, value, problem is null ? target : null, problem is null ? translated.Value : null));
            unmappable ??= problem;
        }

        return new MigrationPlan(moves, unmappable);
    }

    /// <summary>
    /// The one JSON Patch: tests that each kube-downscaler key still has the value read and that each Tarnfui key is
    /// still absent (or the same), then adds the Tarnfui keys and removes kube-downscaler's; a concurrent edit of any of
    /// them fails the whole patch instead of being overwritten.
    /// </summary>
    public JsonArray Patch(IReadOnlyDictionary<string, string> annotations)
    {
        ArgumentNullException.ThrowIfNull(annotations);
        if (Unmappable is not null)
        {
            throw new InvalidOperationException($"an object left as it is has no patch: {Unmappable}");
        }

        var ops = new JsonArray();
        foreach (var move in Moves)
        {
            ops.Add(Op("test", move.FromKey, move.FromValue));
            ops.Add(Op("test", move.ToKey!, annotations.TryGetValue(move.ToKey!, out var present) ? present : null));
        }

        foreach (var move in Moves)
        {
            ops.Add(Op("add", move.ToKey!, move.ToValue));
            ops.Add(new JsonObject { ["op"] = "remove", ["path"] = JsonPointer.Annotation(move.FromKey) });
        }

        return ops;
    }

    private static JsonObject Op(string op, string key, string? value) =>
        new() { ["op"] = op, ["path"] = JsonPointer.Annotation(key), ["value"] = value };

    // A schedule key moves only when the sweeper will read it: the same grammar, the same configured defaults.
    private static string? SpecProblem(string target, string value, ScheduleDefaults defaults)
    {
        if (target is not (Core.WellKnown.Annotations.Uptime or Core.WellKnown.Annotations.Downtime or Core.WellKnown.Annotations.ForceDowntime))
        {
            return null;
        }

        var spec = ScheduleSpec.Parse(value, defaults);
        return spec.IsValid ? null : $"{target} would not be read: {spec.Error}";
    }
}
