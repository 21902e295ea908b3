using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Kube;

/// <summary>How a precondition-carrying patch ended. A closed family.</summary>
internal abstract record PatchOutcome
{
    private PatchOutcome()
    {
    }

    /// <summary>Written; the object as the server returned it (what the sweeper reads of it).</summary>
    public sealed record Applied(WorkloadSnapshot Workload) : PatchOutcome;

    /// <summary>A precondition failed (409, or 422 for a failed JSON Patch <c>test</c>): re-read and decide again.</summary>
    public sealed record Conflict(int Code, string Message) : PatchOutcome;

    /// <summary>The workload is gone.</summary>
    public sealed record NotFound : PatchOutcome;
}
