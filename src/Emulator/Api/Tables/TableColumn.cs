using System.Text.Json.Nodes;
using NodaTime;
using Tarnfui.Core.Durations;

namespace Tarnfui.Emulator.Api.Tables;

/// <summary>One column of a server-side Table: its definition and how a row's cell is computed from the object.</summary>
public sealed record TableColumn(string Name, string Type, string Format, int Priority, Func<JsonObject, Instant, JsonNode?> Cell)
{
    public static TableColumn ForName() => new("Name", "string", "name", 0, (o, _) => (string?)o["metadata"]?["name"]);

    public static TableColumn ForAge() => new("Age", "string", "", 0, (o, now) => AgeOf((string?)o["metadata"]?["creationTimestamp"], now));

    public static TableColumn Text(string name, Func<JsonObject, string?> cell, int priority = 0) =>
        new(name, "string", "", priority, (o, _) => cell(o) ?? "<none>");

    public static TableColumn Number(string name, Func<JsonObject, long?> cell, int priority = 0) =>
        new(name, "integer", "", priority, (o, _) => cell(o) ?? 0);

    public static string AgeOf(string? timestamp, Instant now) =>
        timestamp is not null && NodaTime.Text.InstantPattern.General.Parse(timestamp) is { Success: true } parsed
            ? KubeAge.Format(now - parsed.Value)
            : "<unknown>";
}
