using k8s.Models;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Admission;

/// <summary>Webhook registrations and namespace labels read from the sandbox's store.</summary>
public sealed class StoreAdmissionSource(ObjectStore store) : IAdmissionSource
{
    private readonly Lock _lock = new();
    private (long Version, IReadOnlyList<V1MutatingWebhookConfiguration> Items) _cache = (-1, []);

    // Every write asks for the configurations; decode them again only when one changed.
    public IReadOnlyList<V1MutatingWebhookConfiguration> MutatingWebhookConfigurations()
    {
        var stored = store.All(ResourceTypes.MutatingWebhookConfigurations);
        var version = stored.Count == 0 ? 0 : stored.Max(o => o.ResourceVersion) * 31 + stored.Count;
        lock (_lock)
        {
            if (_cache.Version != version)
            {
                _cache = (version, stored.Select(o => o.As<V1MutatingWebhookConfiguration>()).ToList());
            }

            return _cache.Items;
        }
    }

    public IDictionary<string, string>? NamespaceLabels(string name) =>
        store.Get(ResourceTypes.Namespaces, null, name)?.Labels.ToDictionary(l => l.Key, l => l.Value);
}
