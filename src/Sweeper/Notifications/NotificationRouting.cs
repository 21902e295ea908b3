using Microsoft.Extensions.Options;
using Tarnfui.Sweeper.Watching;

namespace Tarnfui.Sweeper.Notifications;

/// <summary>
/// Which targets hear about a namespace. A namespace annotated <c>tarnfui.io/notify: &lt;target&gt;</c> is told to
/// that target alone, whatever the targets' <c>Namespaces</c> filters say: the namespace's owners chose where their
/// news goes, and an override that other filters could still add to would not be one. An annotation naming no
/// configured target is ignored (the filters apply), so a typo loses no message.
/// </summary>
internal sealed class NotificationRouting(ClusterView view, IOptions<NotificationOptions> options)
{
    private readonly HashSet<string> _names = [.. options.Value.Targets.Select(t => t.Name)];

    public bool Receives(NotificationTarget target, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (view.NamespaceAnnotations(@namespace) is { } annotations
            && annotations.TryGetValue(Core.WellKnown.Annotations.Notify, out var chosen)
            && _names.Contains(chosen))
        {
            return chosen == target.Name;
        }

        return target.Namespaces.Count == 0 || target.Namespaces.Contains(@namespace, StringComparer.Ordinal);
    }
}
