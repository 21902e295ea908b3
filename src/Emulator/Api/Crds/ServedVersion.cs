using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Crds;

/// <summary>
/// An object as the version it is requested through answers it: a custom resource's stored object (kept in the
/// storage version) with that version's apiVersion, which is all conversion strategy <c>None</c> changes; a core Event
/// as <c>events.k8s.io/v1</c> (<see cref="EventVersions"/>).
/// </summary>
public static class ServedVersion
{
    /// <summary><paramref name="stored"/> in the version of <paramref name="served"/>; itself when that is the storage version.</summary>
    public static StoredObject Of(StoredObject stored, ResourceType served)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(served);
        if (EventVersions.IsServedFromCore(served))
        {
            return StoredObject.From(served, EventVersions.ToEventsV1(stored.ToJsonObject()));
        }

        if (stored.Type == served || !served.IsCustom)
        {
            return stored;
        }

        var converted = stored.ToJsonObject();
        converted["apiVersion"] = served.ApiVersion;
        return StoredObject.From(served, converted);
    }

    /// <summary>Every item of <paramref name="page"/> in the version of <paramref name="served"/>.</summary>
    public static ListPage Of(ListPage page, ResourceType served)
    {
        ArgumentNullException.ThrowIfNull(page);
        return served.Custom is { Storage: false } || EventVersions.IsServedFromCore(served) ? page with { Items = [.. page.Items.Select(i => Of(i, served))] } : page;
    }
}
