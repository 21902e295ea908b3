using System.Text.Json.Nodes;

namespace Tarnfui.Cli.Cluster.Workloads;

/// <summary>What a command decided to do to one workload, given what it read. A closed family.</summary>
internal abstract record WorkloadChange
{
    private WorkloadChange()
    {
    }

    /// <summary>Send <paramref name="Operations"/>; <paramref name="Done"/> says what it did (<c>woken until …</c>).</summary>
    public sealed record Patch(JsonArray Operations, string Done) : WorkloadChange;

    /// <summary>Nothing to do, and that is fine (already stopped, not stopped by Tarnfui).</summary>
    public sealed record Unchanged(string Why) : WorkloadChange;

    /// <summary>Not done, and the person should know (excluded, invalid annotation): the command exits 1.</summary>
    public sealed record Refused(string Why) : WorkloadChange;
}
