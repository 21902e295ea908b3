using System.Text.Json.Nodes;

namespace Tarnfui.Emulator.Store;

/// <summary>
/// One Event, two APIs: kube-apiserver keeps <c>events.k8s.io/v1</c> Events and core <c>v1</c> Events in the same
/// storage, so an Event written through either is read, listed, watched and selected (with the core field labels,
/// <c>involvedObject.*</c>) through both. The sandbox stores the core form and renames the fields that differ on the
/// way in and out (pkg/apis/events/v1 conversion): <c>regarding</c>/<c>involvedObject</c>, <c>note</c>/<c>message</c>,
/// <c>reportingController</c>/<c>reportingComponent</c>, and the <c>deprecated*</c> fields of the newer API.
/// </summary>
public static class EventVersions
{
    // events.k8s.io/v1 name → core v1 name; every other field is the same in both.
    private static readonly (string EventsV1, string Core)[] Renamed =
    [
        ("regarding", "involvedObject"),
        ("note", "message"),
        ("reportingController", "reportingComponent"),
        ("deprecatedSource", "source"),
        ("deprecatedFirstTimestamp", "firstTimestamp"),
        ("deprecatedLastTimestamp", "lastTimestamp"),
        ("deprecatedCount", "count"),
    ];

    /// <summary>True for the type served from another built-in's storage: <c>events.k8s.io/v1</c> Events.</summary>
    public static bool IsServedFromCore(ResourceType type) => type == ResourceTypes.Events;

    /// <summary>An <c>events.k8s.io/v1</c> Event in its stored core form (a new object; the argument is left as it is).</summary>
    public static JsonObject ToCore(JsonObject eventsV1)
    {
        ArgumentNullException.ThrowIfNull(eventsV1);
        return Rename(eventsV1, ResourceTypes.CoreEvents.ApiVersion, toCore: true);
    }

    /// <summary>A stored core Event as <c>events.k8s.io/v1</c> answers it (a new object).</summary>
    public static JsonObject ToEventsV1(JsonObject core)
    {
        ArgumentNullException.ThrowIfNull(core);
        return Rename(core, ResourceTypes.Events.ApiVersion, toCore: false);
    }

    private static JsonObject Rename(JsonObject source, string apiVersion, bool toCore)
    {
        var renamed = new JsonObject();
        foreach (var (name, value) in source)
        {
            var target = name;
            foreach (var (eventsV1, core) in Renamed)
            {
                if (name == (toCore ? eventsV1 : core))
                {
                    target = toCore ? core : eventsV1;
                    break;
                }
            }

            renamed[target] = value?.DeepClone();
        }

        renamed["apiVersion"] = apiVersion;
        return renamed;
    }
}
