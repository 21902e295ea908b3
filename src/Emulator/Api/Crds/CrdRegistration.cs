using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Crds;

/// <summary>
/// What kube-apiserver's apiextensions controllers do once a CustomResourceDefinition is written, done before the
/// write is answered so that the next request sees it: the served versions become types of the registry (or stop
/// being served, their objects deleted, when the CRD is deleted), and the CRD's status gets <c>acceptedNames</c>,
/// <c>storedVersions</c> and the conditions <c>NamesAccepted</c> and <c>Established</c>.
/// </summary>
public static class CrdRegistration
{
    private const int MaxStatusAttempts = 16;

    // One CRD change at a time: serving its types and writing its status must not interleave with another's.
    private static readonly Lock Gate = new();

    /// <summary>Brings the served types and the status of the CRD <paramref name="name"/> in line with what is stored.</summary>
    public static void Reconcile(ObjectStore store, string name, Instant now)
    {
        ArgumentNullException.ThrowIfNull(store);
        lock (Gate)
        {
            for (var attempt = 1; ; attempt++)
            {
                var stored = store.Get(ResourceTypes.CustomResourceDefinitions, null, name);
                if (stored is null)
                {
                    store.ServeCustomTypes(name, []);
                    return;
                }

                var crd = stored.ToJsonObject();
                var accepted = store.ServeCustomTypes(name, CrdDefinition.ServedTypes(crd));
                var status = StatusOf(crd, accepted, now);
                if (JsonNode.DeepEquals(status, crd["status"]))
                {
                    return;
                }

                crd["status"] = status;
                try
                {
                    store.Update(ResourceTypes.CustomResourceDefinitions, crd, stored.ResourceVersion);
                    return;
                }
                catch (StatusException e) when (e.Reason == "Conflict" && attempt < MaxStatusAttempts)
                {
                    // The CRD changed since it was read: serve and describe the new state instead.
                }
            }
        }
    }

    private static JsonObject StatusOf(JsonObject crd, bool accepted, Instant now)
    {
        var spec = crd["spec"]!.AsObject();
        var names = spec["names"]!.DeepClone().AsObject();
        var kind = (string)names["kind"]!;
        names["singular"] ??= kind.ToLowerInvariant();
        names["listKind"] ??= kind + "List";
        var previous = crd["status"] as JsonObject;
        var storedVersions = (previous?["storedVersions"] as JsonArray ?? []).Select(v => (string?)v).OfType<string>().ToList();
        var storage = (spec["versions"] as JsonArray ?? []).OfType<JsonObject>().First(v => (bool?)v["storage"] == true);
        if (!storedVersions.Contains((string)storage["name"]!))
        {
            storedVersions.Add((string)storage["name"]!);
        }

        var conditions = new JsonArray(
            Condition(previous, "NamesAccepted", accepted, accepted ? "NoConflicts" : "AllNamesConflict",
                accepted ? "no conflicts found" : $"\"{(string?)names["plural"]}\" is already in use", now),
            Condition(previous, "Established", accepted, accepted ? "InitialNamesAccepted" : "NotAccepted",
                accepted ? "the initial names have been accepted" : "not all names are accepted", now));
        return new JsonObject
        {
            ["conditions"] = conditions,
            ["acceptedNames"] = accepted ? names : new JsonObject { ["plural"] = "", ["kind"] = "" },
            ["storedVersions"] = new JsonArray([.. storedVersions.Select(v => (JsonNode)v)]),
        };
    }

    // lastTransitionTime moves only when the condition's status does, as the controllers' SetCRDCondition keeps it.
    private static JsonObject Condition(JsonObject? previous, string type, bool status, string reason, string message, Instant now)
    {
        var text = status ? "True" : "False";
        var before = (previous?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);
        var since = before is not null && (string?)before["status"] == text
            ? (string?)before["lastTransitionTime"]
            : InstantPattern.General.Format(now);
        return new JsonObject
        {
            ["type"] = type,
            ["status"] = text,
            ["lastTransitionTime"] = since,
            ["reason"] = reason,
            ["message"] = message,
        };
    }
}
