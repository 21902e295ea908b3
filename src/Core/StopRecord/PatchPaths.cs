namespace Tarnfui.Core.StopRecord;

/// <summary>The raw-segment paths into a workload that Tarnfui's patches use.</summary>
public static class PatchPaths
{
    public const string Metadata = "metadata";
    public const string AnnotationsMember = "annotations";
    public const string LabelsMember = "labels";

    // The stop record's own keys, whose paths every stop and restore writes: built once (see PatchPath). A handful,
    // looked through in order, which costs less than hashing the key.
    private static readonly PatchPath[] RecordAnnotations =
        [.. StopMarks.Annotations.Select(key => new PatchPath(Metadata, AnnotationsMember, key))];

    private static readonly PatchPath StoppedLabel = new(Metadata, LabelsMember, StopMarks.StoppedLabel);

    public static IReadOnlyList<string> Replicas { get; } = new PatchPath("spec", "replicas");

    public static IReadOnlyList<string> Suspend { get; } = new PatchPath("spec", "suspend");

    /// <summary>A HorizontalPodAutoscaler's lower bound.</summary>
    public static IReadOnlyList<string> MinReplicas { get; } = new PatchPath("spec", "minReplicas");

    /// <summary>A HorizontalPodAutoscaler's upper bound.</summary>
    public static IReadOnlyList<string> MaxReplicas { get; } = new PatchPath("spec", "maxReplicas");

    public static IReadOnlyList<string> ResourceVersion { get; } = new PatchPath(Metadata, "resourceVersion");

    public static IReadOnlyList<string> Uid { get; } = new PatchPath(Metadata, "uid");

    public static IReadOnlyList<string> OwnerReferences { get; } = new PatchPath(Metadata, "ownerReferences");

    public static IReadOnlyList<string> Annotations { get; } = new PatchPath(Metadata, AnnotationsMember);

    public static IReadOnlyList<string> Labels { get; } = new PatchPath(Metadata, LabelsMember);

    /// <summary>The path of the annotation <paramref name="key"/> (the one kept for a key of the stop record).</summary>
    public static IReadOnlyList<string> Annotation(string key)
    {
        foreach (var path in RecordAnnotations)
        {
            if (string.Equals(path[^1], key, StringComparison.Ordinal))
            {
                return path;
            }
        }

        return new PatchPath(Metadata, AnnotationsMember, key);
    }

    /// <summary>The path of the label <paramref name="key"/> (the one kept for the stop record's label).</summary>
    public static IReadOnlyList<string> Label(string key) =>
        string.Equals(key, StopMarks.StoppedLabel, StringComparison.Ordinal) ? StoppedLabel : new PatchPath(Metadata, LabelsMember, key);
}
