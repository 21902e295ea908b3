using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>
/// What a resource URL addresses: <c>/api/v1/namespaces/{ns}/pods/{name}/status</c>,
/// <c>/apis/apps/v1/deployments</c>, <c>/api/v1/namespaces/{name}</c>... Null parts are absent.
/// </summary>
public sealed record RequestTarget(ResourceType Type, string? Namespace, string? Name, string? Subresource)
{
    public bool IsCollection => Name is null;

    /// <summary>Parses the segments after the group/version; null when they name nothing served.</summary>
    public static RequestTarget? Parse(ResourceRegistry types, string group, string version, IReadOnlyList<string> segments)
    {
        ArgumentNullException.ThrowIfNull(types);
        ArgumentNullException.ThrowIfNull(segments);
        if (segments.Count >= 3 && segments[0] == "namespaces"
            && types.Find(group, version, segments[2]) is { Namespaced: true } namespaced)
        {
            return segments.Count switch
            {
                3 => new RequestTarget(namespaced, segments[1], null, null),
                4 => new RequestTarget(namespaced, segments[1], segments[3], null),
                5 => new RequestTarget(namespaced, segments[1], segments[3], segments[4]),
                _ => null,
            };
        }

        if (segments.Count is < 1 or > 3 || types.Find(group, version, segments[0]) is not { } type)
        {
            return null;
        }

        return segments.Count switch
        {
            1 => new RequestTarget(type, null, null, null),
            2 when !type.Namespaced => new RequestTarget(type, null, segments[1], null),
            3 when !type.Namespaced => new RequestTarget(type, null, segments[1], segments[2]),
            _ => null,
        };
    }
}
