using System.Globalization;
using System.Text.Json;
using Tarnfui.Sweeper.Sweeping;

namespace Tarnfui.Sweeper.Notifications;

/// <summary>
/// CloudEvents 1.0 in structured mode (<c>application/cloudevents+json</c>): one event per kind of outcome of a sweep,
/// so a receiver routes on <c>type</c> alone. Written with <see cref="Utf8JsonWriter"/>: no reflection, which the
/// native build would not keep.
/// </summary>
internal static class CloudEventsFormat
{
    public const string ContentType = "application/cloudevents+json";

    /// <summary>The <c>source</c> attribute: a URI reference naming this sweeper.</summary>
    public static string Source(string identity) => "/tarnfui/sweeper/" + Uri.EscapeDataString(identity);

    public static byte[] Write(SweepEvent sweepEvent, SweepReport report, string identity, int maxListed)
    {
        ArgumentNullException.ThrowIfNull(sweepEvent);
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("specversion", "1.0");
            // Unique per source: the sweep and the kind, so a receiver can drop a retried duplicate.
            json.WriteString("id", $"{report.SweepId}-{sweepEvent.Kind.Name}");
            json.WriteString("source", Source(identity));
            json.WriteString("type", sweepEvent.Kind.CloudEventType);
            json.WriteString("subject", report.SweepId);
            json.WriteString("time", report.At.ToDateTimeOffset().ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture));
            json.WriteString("datacontenttype", "application/json");
            json.WriteStartObject("data");
            json.WriteString("summary", sweepEvent.Summary);
            json.WriteString("sweepId", report.SweepId);
            json.WriteNumber("workloads", sweepEvent.Workloads.Count);
            json.WriteNumber("namespaces", sweepEvent.NamespaceCount);
            json.WriteNumber("replicas", sweepEvent.Replicas);
            json.WriteNumber("cpuRequestedCores", Math.Round(sweepEvent.CpuCores, 3));
            json.WriteStartArray("items");
            foreach (var w in sweepEvent.Workloads.Take(maxListed))
            {
                json.WriteStartObject();
                json.WriteString("namespace", w.Namespace);
                json.WriteString("kind", w.Kind.Kind);
                json.WriteString("name", w.Name);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteNumber("more", Math.Max(0, sweepEvent.Workloads.Count - maxListed));
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }
}
