using System.Text;
using System.Text.Json;
using Tarnfui.Sweeper.Sweeping;

namespace Tarnfui.Sweeper.Notifications;

/// <summary>
/// A Slack incoming-webhook body: <c>text</c> (the notification's fallback, every outcome's summary) and
/// <c>blocks</c>: a header, then per outcome a section with its summary and the listed workloads. One message per
/// sweep. Slack caps a section's text, which the listing cap keeps well under.
/// </summary>
internal static class SlackFormat
{
    public const string ContentType = "application/json";

    public static byte[] Write(IReadOnlyList<SweepEvent> events, SweepReport report, int maxListed)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(report);
        var buffer = new System.Buffers.ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("text", "Tarnfui " + string.Join("; ", events.Select(e => e.Summary)));
            json.WriteStartArray("blocks");
            json.WriteStartObject();
            json.WriteString("type", "header");
            json.WriteStartObject("text");
            json.WriteString("type", "plain_text");
            json.WriteString("text", $"Tarnfui sweep {report.SweepId}");
            json.WriteEndObject();
            json.WriteEndObject();
            foreach (var e in events)
            {
                var text = new StringBuilder().Append('*').Append(Escape(e.Summary)).Append('*');
                foreach (var line in e.Listed(maxListed))
                {
                    text.Append("\n• ").Append(Escape(line));
                }

                json.WriteStartObject();
                json.WriteString("type", "section");
                json.WriteStartObject("text");
                json.WriteString("type", "mrkdwn");
                json.WriteString("text", text.ToString());
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    // Slack's mrkdwn reads &, < and > as markup; they are the three it asks to be escaped.
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
