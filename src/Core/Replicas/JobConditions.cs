namespace Tarnfui.Core.Replicas;

/// <summary>
/// Whether a Job has finished, from its <c>status.conditions</c>: a <c>Complete</c> or <c>Failed</c> condition whose
/// status is <c>"True"</c> is terminal in Kubernetes (the job controller never runs the Job again). A finished Job is
/// never suspended nor resumed: there is nothing left to hold, and a write would only rewrite a record of history.
/// </summary>
public static class JobConditions
{
    public const string Complete = "Complete";
    public const string Failed = "Failed";

    /// <summary>Whether any condition is <see cref="Complete"/> or <see cref="Failed"/> with status <c>"True"</c>.</summary>
    /// <param name="conditions">Each condition's type and status, as the Job carries them (null: no status yet).</param>
    public static bool IsFinished(IEnumerable<(string? Type, string? Status)>? conditions) =>
        conditions is not null
        && conditions.Any(c => c.Type is Complete or Failed && string.Equals(c.Status, "True", StringComparison.Ordinal));
}
