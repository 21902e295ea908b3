using System.Globalization;
using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Policy;
using Tarnfui.Core.Durations;

namespace Tarnfui.Cli.Cluster.Status;

/// <summary>What <c>status</c> prints: the workloads held down, the CronJobs and the excluded namespaces, as tables or one document.</summary>
internal sealed record StatusReport(
    Instant Now,
    string? Namespace,
    string Configuration,
    IReadOnlyList<HeldDown> HeldDown,
    IReadOnlyList<ExcludedNamespace> Excluded,
    IReadOnlyList<CronJobRow> CronJobs)
{
    /// <summary>Why the CronJobs could not be listed (the API server's answer), or null when they were.</summary>
    public string? CronJobsDenied { get; init; }

    public void Write(TextWriter output, OutputFormat format)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (format != OutputFormat.Table)
        {
            StructuredWriter.Write(output, format, ToJson());
            return;
        }

        if (HeldDown.Count == 0)
        {
            // The CronJobs have their own table below: this line must not read as if none were held.
            var what = CronJobs.Count == 0 && CronJobsDenied is null ? "workloads" : "Deployments or StatefulSets";
            output.WriteLine(Namespace is null ? $"No {what} held down by Tarnfui." : $"No {what} held down by Tarnfui in {Namespace} namespace.");
        }
        else
        {
            var table = Namespace is null
                ? new TableWriter("namespace", "name", "original", "stopped", "back", "back-at", "why")
                : new TableWriter("name", "original", "stopped", "back", "back-at", "why");
            foreach (var row in HeldDown)
            {
                var cells = new List<string>
                {
                    row.QualifiedName,
                    row.OriginalReplicas?.ToString(CultureInfo.InvariantCulture) ?? "<unreadable>",
                    row.StoppedAt is { } at ? KubeAge.Format(Now - at) : "<unknown>",
                    Back(row),
                    row.BackAt is { } back && back > Now ? Names.Instant(back) : string.Empty,
                    row.ScaledObject is null ? row.Why : $"{row.Why}; pauses {Names.Of(row.Workload)}",
                };
                if (Namespace is null)
                {
                    cells.Insert(0, row.Workload.Namespace);
                }

                table.Add([.. cells]);
            }

            table.WriteTo(output);
        }

        if (CronJobs.Count > 0)
        {
            output.WriteLine();
            CronJobSection.Write(output, CronJobs, Namespace, Now);
        }

        if (CronJobsDenied is not null)
        {
            output.WriteLine();
            output.WriteLine($"CronJobs could not be listed: {CronJobsDenied}");
        }

        if (Excluded.Count > 0)
        {
            output.WriteLine();
            var table = new TableWriter("excluded namespace", "reason", "until");
            foreach (var ns in Excluded)
            {
                table.Add(ns.Name, DecisionText.Reason(ns.Reason), ns.Until is { } until ? Names.When(until, Now) : string.Empty);
            }

            table.WriteTo(output);
        }
    }

    public JsonObject ToJson() => new()
    {
        ["now"] = Names.Instant(Now),
        ["namespace"] = Namespace,
        ["configuration"] = Configuration,
        ["heldDown"] = new JsonArray([.. HeldDown.Select(h => (JsonNode)new JsonObject
        {
            ["kind"] = h.Kind,
            ["namespace"] = h.Workload.Namespace,
            ["name"] = h.Name,
            ["target"] = h.ScaledObject is null ? null : Names.Of(h.Workload),
            ["originalReplicas"] = h.OriginalReplicas,
            ["stoppedAt"] = h.StoppedAt is { } at ? Names.Instant(at) : null,
            ["state"] = DecisionText.State(h.Decision),
            ["why"] = h.Why,
            ["backAt"] = h.BackAt is { } back ? Names.Instant(back) : null,
        })]),
        ["cronJobs"] = CronJobSection.ToJson(CronJobs),
        ["cronJobsError"] = CronJobsDenied,
        ["excludedNamespaces"] = new JsonArray([.. Excluded.Select(e => (JsonNode)new JsonObject
        {
            ["name"] = e.Name,
            ["reason"] = DecisionText.Reason(e.Reason),
            ["detail"] = e.Detail,
            ["until"] = e.Until is { } until ? Names.Instant(until) : null,
        })]),
    };

    private string Back(HeldDown row) => row.BackAt switch
    {
        null => "never",
        { } at when at <= Now => "next sweep",
        { } at => $"in {KubeAge.Format(at - Now)}",
    };
}
