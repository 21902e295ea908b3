using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Crds;

/// <summary>
/// A custom resource as one of its CRD's served versions answers it: the stored object (kept in the storage version)
/// with that version's apiVersion, which is all conversion strategy <c>None</c> changes.
/// </summary>
public static class ServedVersion
{
    /// <summary><paramref name="stored"/> in the version of <paramref name="served"/>; itself when that is the storage version.</summary>
    public static StoredObject Of(StoredObject stored, ResourceType served)
    {
        ArgumentNullException.ThrowIfNull(stored);
        ArgumentNullException.ThrowIfNull(served);
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
        return served.Custom is { Storage: false } ? page with { Items = [.. page.Items.Select(i => Of(i, served))] } : page;
    }
}
