using System.Text.Json.Nodes;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Core;

namespace Tarnfui.Cli.Cluster.Restore;

/// <summary>
/// <c>restore --all</c> and <c>restore -l SELECTOR</c> for KEDA ScaledObjects: every one Tarnfui holds paused (label
/// <c>tarnfui.io/stopped=true</c>, and the selector's labels on the ScaledObject) gets the same writes as a named
/// <c>restore scaledobject/NAME</c>, so nothing Tarnfui paused is left behind by an uninstall.
/// </summary>
internal static class PausedScaledObjects
{
    /// <summary>Restores each; writes a line for each in table format and returns the items for a structured document.</summary>
    /// <param name="session">The session.</param>
    /// <param name="scope">The namespace listed, or null for all.</param>
    /// <param name="labelSelector">The user's selector, or null.</param>
    /// <param name="cancellationToken">Cancels the writes.</param>
    public static async Task<(JsonArray Items, bool Failed)> RestoreAsync(ClusterSession session, string? scope, string? labelSelector, CancellationToken cancellationToken)
    {
        var selector = labelSelector is null ? WellKnown.Labels.StoppedSelector : $"{WellKnown.Labels.StoppedSelector},{labelSelector}";
        var items = new JsonArray();
        var failed = false;
        foreach (var scaledObject in await session.Api.ListScaledObjectsAsync(scope, selector, cancellationToken))
        {
            var (ok, message) = await ScaledObjectRestore.ResumeAsync(session, scaledObject, cancellationToken);
            failed |= !ok;
            var name = $"{WellKnown.Keda.ScaledObjectKind.ToLowerInvariant()}.{WellKnown.Keda.Group}/{scaledObject.Name}" + (scope is null ? $" -n {scaledObject.Namespace}" : string.Empty);
            if (session.Format == OutputFormat.Table)
            {
                await (ok ? session.Out.WriteLineAsync($"{name} {message}") : session.Error.WriteLineAsync($"error: {name} {message}"));
            }

            items.Add(new JsonObject
            {
                ["kind"] = WellKnown.Keda.ScaledObjectKind,
                ["namespace"] = scaledObject.Namespace,
                ["name"] = scaledObject.Name,
                ["result"] = !ok ? "Refused" : message.StartsWith("unchanged", StringComparison.Ordinal) ? "Unchanged" : "Changed",
                ["message"] = message,
            });
        }

        return (items, failed);
    }
}
