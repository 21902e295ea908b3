using System.Text.Json;
using Json.Schema;

namespace Tarnfui.Sweeper.Tests.Notifications;

/// <summary>The JSON schemas of the bodies Tarnfui sends, under <c>Notifications/Schemas</c> (each says where it comes from).</summary>
internal static class Schemas
{
    private static readonly Lazy<JsonSchema> CloudEvent = new(() => Load("cloudevents-1.0.json"));
    private static readonly Lazy<JsonSchema> TarnfuiEvent = new(() => Load("tarnfui-sweep-event.json"));
    private static readonly Lazy<JsonSchema> Slack = new(() => Load("slack-incoming-webhook.json"));

    public static void ShouldBeTarnfuiCloudEvent(string body)
    {
        ShouldMatch(CloudEvent.Value, body);
        ShouldMatch(TarnfuiEvent.Value, body);
    }

    public static void ShouldBeSlackMessage(string body) => ShouldMatch(Slack.Value, body);

    /// <summary>Whether <paramref name="body"/> satisfies the CloudEvents schema (format keywords asserted).</summary>
    public static bool IsCloudEvent(string body) => Evaluate(CloudEvent.Value, body).IsValid;

    public static void ShouldMatch(JsonSchema schema, string body)
    {
        var results = Evaluate(schema, body);
        results.IsValid.ShouldBeTrue($"{body}\n{JsonSerializer.Serialize(results.Details?.Where(d => d.Errors is not null).Select(d => $"{d.InstanceLocation}: {string.Join("; ", d.Errors!.Values)}"))}");
    }

    private static EvaluationResults Evaluate(JsonSchema schema, string body)
    {
        using var document = JsonDocument.Parse(body);
        return schema.Evaluate(document.RootElement.Clone(), new EvaluationOptions { OutputFormat = OutputFormat.List, RequireFormatValidation = true });
    }

    private static JsonSchema Load(string file) =>
        JsonSchema.FromText(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Notifications", "Schemas", file)));
}
