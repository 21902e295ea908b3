namespace Tarnfui.Webhook.Admission;

/// <summary>
/// What a <c>/scale</c> decision needs from the Deployment or StatefulSet behind the Scale, whose body carries
/// no annotations.
/// </summary>
/// <param name="Annotations">The workload's annotations (null when it has none).</param>
/// <param name="OperatorOwned">Whether its own ownerReferences name a controller.</param>
/// <param name="Replicas">Its current <c>spec.replicas</c>.</param>
public sealed record ParentWorkload(IReadOnlyDictionary<string, string>? Annotations, bool OperatorOwned, int? Replicas)
{
    /// <summary>Whether it carries a stop record (the reader keeps annotations, not labels: the record's count is one).</summary>
    public bool Stopped => Annotations?.ContainsKey(Core.WellKnown.Annotations.OriginalReplicas) == true;
}
