using System.Text.Json.Nodes;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api.Tables;

/// <summary>The columns kube-apiserver's printers give each type (pkg/printers/internalversion), so kubectl get looks familiar.</summary>
public static class TableColumns
{
    public static IReadOnlyList<TableColumn> For(ResourceType type)
    {
        if (type == ResourceTypes.Deployments)
        {
            return
            [
                TableColumn.ForName(),
                TableColumn.Text("Ready", o => $"{Long(o, "status", "readyReplicas") ?? 0}/{Long(o, "spec", "replicas") ?? 0}"),
                TableColumn.Number("Up-to-date", o => Long(o, "status", "updatedReplicas")),
                TableColumn.Number("Available", o => Long(o, "status", "availableReplicas")),
                TableColumn.ForAge(),
                TableColumn.Text("Containers", o => Containers(o, "name"), 1),
                TableColumn.Text("Images", o => Containers(o, "image"), 1),
                TableColumn.Text("Selector", o => MatchLabels(o), 1),
            ];
        }

        if (type == ResourceTypes.StatefulSets)
        {
            return
            [
                TableColumn.ForName(),
                TableColumn.Text("Ready", o => $"{Long(o, "status", "readyReplicas") ?? 0}/{Long(o, "spec", "replicas") ?? 0}"),
                TableColumn.ForAge(),
                TableColumn.Text("Containers", o => Containers(o, "name"), 1),
                TableColumn.Text("Images", o => Containers(o, "image"), 1),
            ];
        }

        if (type == ResourceTypes.ReplicaSets)
        {
            return
            [
                TableColumn.ForName(),
                TableColumn.Number("Desired", o => Long(o, "spec", "replicas")),
                TableColumn.Number("Current", o => Long(o, "status", "replicas")),
                TableColumn.Number("Ready", o => Long(o, "status", "readyReplicas")),
                TableColumn.ForAge(),
            ];
        }

        if (type == ResourceTypes.DaemonSets)
        {
            return
            [
                TableColumn.ForName(),
                TableColumn.Number("Desired", o => Long(o, "status", "desiredNumberScheduled")),
                TableColumn.Number("Current", o => Long(o, "status", "currentNumberScheduled")),
                TableColumn.Number("Ready", o => Long(o, "status", "numberReady")),
                TableColumn.Number("Up-to-date", o => Long(o, "status", "updatedNumberScheduled")),
                TableColumn.Number("Available", o => Long(o, "status", "numberAvailable")),
                TableColumn.ForAge(),
            ];
        }

        if (type == ResourceTypes.Pods)
        {
            return
            [
                TableColumn.ForName(),
                TableColumn.Text("Ready", PodReady),
                TableColumn.Text("Status", o => (string?)o["status"]?["phase"] ?? "Pending"),
                TableColumn.Number("Restarts", o => (o["status"]?["containerStatuses"] as JsonArray)?.Sum(c => (long?)c?["restartCount"] ?? 0)),
                TableColumn.ForAge(),
                TableColumn.Text("IP", o => (string?)o["status"]?["podIP"], 1),
                TableColumn.Text("Node", o => (string?)o["spec"]?["nodeName"], 1),
            ];
        }

        if (type == ResourceTypes.Jobs)
        {
            return
            [
                TableColumn.ForName(),
                TableColumn.Text("Status", o => (long?)o["status"]?["succeeded"] > 0 ? "Complete" : "Running"),
                TableColumn.Text("Completions", o => $"{Long(o, "status", "succeeded") ?? 0}/{Long(o, "spec", "completions") ?? 1}"),
                TableColumn.ForAge(),
            ];
        }

        if (type == ResourceTypes.CronJobs)
        {
            // kubectl get cronjobs: NAME SCHEDULE TIMEZONE SUSPEND ACTIVE LAST SCHEDULE AGE (pkg/printers/internalversion).
            return
            [
                TableColumn.ForName(),
                TableColumn.Text("Schedule", o => (string?)o["spec"]?["schedule"]),
                TableColumn.Text("Timezone", o => (string?)o["spec"]?["timeZone"] ?? "<none>"),
                TableColumn.Text("Suspend", o => (bool?)o["spec"]?["suspend"] == true ? "True" : "False"),
                TableColumn.Number("Active", o => (o["status"]?["active"] as JsonArray)?.Count ?? 0),
                new TableColumn("Last Schedule", "string", "", 0, (o, now) => (string?)o["status"]?["lastScheduleTime"] is { } last ? TableColumn.AgeOf(last, now) : "<none>"),
                TableColumn.ForAge(),
            ];
        }

        if (type == ResourceTypes.HorizontalPodAutoscalers)
        {
            // kubectl get hpa: NAME REFERENCE TARGETS MINPODS MAXPODS REPLICAS AGE (pkg/printers/internalversion); no
            // metrics are emulated, so TARGETS says so as kubectl does before the first reading.
            return
            [
                TableColumn.ForName(),
                TableColumn.Text("Reference", o => $"{(string?)o["spec"]?["scaleTargetRef"]?["kind"]}/{(string?)o["spec"]?["scaleTargetRef"]?["name"]}"),
                TableColumn.Text("Targets", _ => "<unknown>"),
                TableColumn.Text("MinPods", o => Long(o, "spec", "minReplicas") is { } min ? min.ToString(System.Globalization.CultureInfo.InvariantCulture) : "<unset>"),
                TableColumn.Number("MaxPods", o => Long(o, "spec", "maxReplicas")),
                TableColumn.Number("Replicas", o => Long(o, "status", "currentReplicas") ?? 0),
                TableColumn.ForAge(),
            ];
        }

        if (type == ResourceTypes.Namespaces)
        {
            return [TableColumn.ForName(), TableColumn.Text("Status", o => (string?)o["status"]?["phase"] ?? "Active"), TableColumn.ForAge()];
        }

        if (type == ResourceTypes.ConfigMaps)
        {
            return [TableColumn.ForName(), TableColumn.Number("Data", DataCount), TableColumn.ForAge()];
        }

        if (type == ResourceTypes.Leases)
        {
            return [TableColumn.ForName(), TableColumn.Text("Holder", o => (string?)o["spec"]?["holderIdentity"] ?? ""), TableColumn.ForAge()];
        }

        if (type == ResourceTypes.Events || type == ResourceTypes.CoreEvents)
        {
            return
            [
                new TableColumn("Last Seen", "string", "", 0, (o, now) => TableColumn.AgeOf(LastSeen(o), now)),
                TableColumn.Text("Type", o => (string?)o["type"]),
                TableColumn.Text("Reason", o => (string?)o["reason"]),
                TableColumn.Text("Object", o => InvolvedObject(o)),
                TableColumn.Text("Message", o => (string?)o["message"] ?? (string?)o["note"]),
            ];
        }

        return [TableColumn.ForName(), TableColumn.ForAge()];
    }

    // kubectl's DATA column counts data and binaryData keys together.
    private static long? DataCount(JsonObject o) => ((o["data"] as JsonObject)?.Count ?? 0) + ((o["binaryData"] as JsonObject)?.Count ?? 0);

    private static long? Long(JsonObject o, string section, string field) => StoreJson.WholeNumber(o[section]?[field]);

    private static string? Containers(JsonObject o, string field) =>
        o["spec"]?["template"]?["spec"]?["containers"] is JsonArray containers
            ? string.Join(',', containers.Select(c => (string?)c?[field]))
            : null;

    private static string? MatchLabels(JsonObject o) =>
        o["spec"]?["selector"]?["matchLabels"] is JsonObject labels
            ? string.Join(',', labels.Select(l => $"{l.Key}={l.Value}"))
            : null;

    private static string PodReady(JsonObject o)
    {
        var total = (o["spec"]?["containers"] as JsonArray)?.Count ?? 0;
        var ready = (o["status"]?["containerStatuses"] as JsonArray)?.Count(c => (bool?)c?["ready"] == true) ?? 0;
        return $"{ready}/{total}";
    }

    private static string? LastSeen(JsonObject o) =>
        (string?)o["lastTimestamp"] ?? (string?)o["eventTime"] ?? (string?)o["deprecatedLastTimestamp"] ?? (string?)o["metadata"]?["creationTimestamp"];

    private static string? InvolvedObject(JsonObject o)
    {
        var target = o["involvedObject"] ?? o["regarding"];
        return target is null ? null : $"{((string?)target["kind"])?.ToLowerInvariant()}/{(string?)target["name"]}";
    }
}
