using System.Text.Json.Nodes;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Core;

namespace Tarnfui.Cli.Cluster.Workloads;

/// <summary>Applies one change to each named KEDA ScaledObject and reports each outcome as kubectl would (a line, or one document).</summary>
internal static class ScaledObjectRunner
{
    /// <param name="session">The session.</param>
    /// <param name="names">The ScaledObjects, in the session's namespace.</param>
    /// <param name="change">The change to one, by name: whether it succeeded, and its sentence.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public static async Task<int> RunAsync(
        ClusterSession session, IReadOnlyList<string> names, Func<string, CancellationToken, Task<(bool Ok, string Message)>> change, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(names);
        ArgumentNullException.ThrowIfNull(change);
        var items = new JsonArray();
        var failed = false;
        foreach (var name in names)
        {
            var (ok, message) = await change(name, cancellationToken);
            failed |= !ok;
            var qualified = $"{WellKnown.Keda.ScaledObjectKind.ToLowerInvariant()}.{WellKnown.Keda.Group}/{name}";
            if (session.Format == OutputFormat.Table)
            {
                await (ok ? session.Out.WriteLineAsync($"{qualified} {message}") : session.Error.WriteLineAsync($"error: {qualified} {message}"));
            }

            items.Add(new JsonObject
            {
                ["kind"] = WellKnown.Keda.ScaledObjectKind,
                ["namespace"] = session.Namespace,
                ["name"] = name,
                ["result"] = ok ? "Changed" : "Refused",
                ["message"] = message,
            });
        }

        if (session.Format != OutputFormat.Table)
        {
            StructuredWriter.Write(session.Out, session.Format, new JsonObject { ["items"] = items });
        }

        return failed ? ClusterAction.RuntimeError : ClusterAction.Ok;
    }
}
