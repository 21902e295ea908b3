namespace Tarnfui.Core.StopRecord;

/// <summary>The raw-segment paths into a workload that Tarnfui's patches use.</summary>
public static class PatchPaths
{
    public const string Metadata = "metadata";
    public const string AnnotationsMember = "annotations";
    public const string LabelsMember = "labels";

    public static IReadOnlyList<string> Replicas { get; } = ["spec", "replicas"];

    public static IReadOnlyList<string> Suspend { get; } = ["spec", "suspend"];

    /// <summary>A HorizontalPodAutoscaler's lower bound.</summary>
    public static IReadOnlyList<string> MinReplicas { get; } = ["spec", "minReplicas"];

    /// <summary>A HorizontalPodAutoscaler's upper bound.</summary>
    public static IReadOnlyList<string> MaxReplicas { get; } = ["spec", "maxReplicas"];

    public static IReadOnlyList<string> ResourceVersion { get; } = [Metadata, "resourceVersion"];

    public static IReadOnlyList<string> Uid { get; } = [Metadata, "uid"];

    public static IReadOnlyList<string> OwnerReferences { get; } = [Metadata, "ownerReferences"];

    public static IReadOnlyList<string> Annotations { get; } = [Metadata, AnnotationsMember];

    public static IReadOnlyList<string> Labels { get; } = [Metadata, LabelsMember];

    public static IReadOnlyList<string> Annotation(string key) => [Metadata, AnnotationsMember, key];

    public static IReadOnlyList<string> Label(string key) => [Metadata, LabelsMember, key];
}
