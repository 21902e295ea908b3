using System.Globalization;

namespace Tarnfui.Core.Watching;

/// <summary>
/// Whether one resourceVersion is at least another. The API server documents them as opaque, to be compared for
/// equality only; its own are etcd revisions, integers that grow with every write of the cluster. They are compared
/// as such only to retire an <see cref="Overlay{T}"/> entry once the watch has passed it: without an order, a write
/// whose event the watch filters out (an object leaving a label selector, on a server that does not send the
/// DELETED) would be shown until the next list. Versions that are not both integers are compared for equality.
/// </summary>
public static class ResourceVersions
{
    public static bool AtLeast(string? version, string? than)
    {
        if (version is null || than is null)
        {
            return false;
        }

        return ulong.TryParse(version, NumberStyles.None, CultureInfo.InvariantCulture, out var a)
            && ulong.TryParse(than, NumberStyles.None, CultureInfo.InvariantCulture, out var b)
            ? a >= b
            : string.Equals(version, than, StringComparison.Ordinal);
    }
}
