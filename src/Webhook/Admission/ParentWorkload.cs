using Tarnfui.Core.StopRecord;

namespace Tarnfui.Webhook.Admission;

/// <summary>
/// What a <c>/scale</c> decision needs from the Deployment or StatefulSet behind the Scale, whose body carries
/// no annotations.
/// </summary>
/// <param name="Annotations">The workload's annotations (null when it has none).</param>
/// <param name="OperatorOwned">Whether its own ownerReferences name a controller.</param>
/// <param name="Replicas">Its current <c>spec.replicas</c>.</param>
/// <param name="Labels">Its labels (null when it has none).</param>
internal sealed record ParentWorkload(IReadOnlyDictionary<string, string>? Annotations, bool OperatorOwned, int? Replicas, IReadOnlyDictionary<string, string>? Labels = null)
{
    /// <summary>Whether it carries Tarnfui's stop record: <see cref="StopMarks.IsStopped"/>.</summary>
    public bool Stopped => StopMarks.IsStopped(Annotations, Labels);
}
