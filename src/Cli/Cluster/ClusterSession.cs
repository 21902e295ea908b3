using NodaTime;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Workloads;

namespace Tarnfui.Cli.Cluster;

/// <summary>One invocation's inputs once validated and connected: where to write, when it is, which namespaces, the API.</summary>
/// <param name="Out">Standard output (the report).</param>
/// <param name="Error">Standard error (warnings and failures).</param>
/// <param name="Now">The instant, read once for the whole invocation.</param>
/// <param name="Api">The API calls.</param>
/// <param name="Namespace">The namespace from <c>-n</c>, else the context's, else <c>default</c>.</param>
/// <param name="NamespaceGiven">Whether <c>-n</c> was given.</param>
/// <param name="AllNamespaces">Whether <c>-A</c> was given.</param>
/// <param name="Format">The <c>-o</c> format.</param>
internal sealed record ClusterSession(
    TextWriter Out,
    TextWriter Error,
    Instant Now,
    WorkloadApi Api,
    string Namespace,
    bool NamespaceGiven,
    bool AllNamespaces,
    OutputFormat Format)
{
    /// <summary>The namespace to list in, or null for all of them.</summary>
    public string? Scope => AllNamespaces ? null : Namespace;
}
