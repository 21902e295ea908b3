namespace Tarnfui.Core.Replicas;

/// <summary>
/// The annotations and labels of a workload as last read. The patch builders look at them only to know which
/// maps and keys exist, because JSON Patch cannot add into a missing map nor remove a missing key.
/// </summary>
public sealed record WorkloadMetadata(IReadOnlyDictionary<string, string>? Annotations, IReadOnlyDictionary<string, string>? Labels)
{
    public bool HasAnnotation(string key) => Annotations?.ContainsKey(key) == true;

    public bool HasLabel(string key) => Labels?.ContainsKey(key) == true;

    /// <summary>Whether Tarnfui's stop record marks it stopped (<see cref="StopRecord.StopMarks.IsStopped"/>, the one rule).</summary>
    public bool IsStopped => StopRecord.StopMarks.IsStopped(Annotations, Labels);

    /// <summary>The state Tarnfui keeps on the workload, as <see cref="StoppedState.Read"/> reads it.</summary>
    public ParseResult<StoppedState?> ReadStoppedState() => StoppedState.Read(Annotations, Labels);
}
