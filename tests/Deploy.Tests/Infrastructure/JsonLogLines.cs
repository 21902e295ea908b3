using System.Text.Json;

namespace Tarnfui.Deploy.Tests.Infrastructure;

/// <summary>A program's console output read as its log collector reads it: one JSON object per line.</summary>
internal static class JsonLogLines
{
    /// <summary>Every line of <paramref name="output"/>, each of which must be a JSON object.</summary>
    public static IReadOnlyList<JsonElement> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines.ShouldNotBeEmpty("the program logged nothing");
        return [.. lines.Select(line =>
        {
            JsonElement parsed;
            try
            {
                using var document = JsonDocument.Parse(line);
                parsed = document.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new ShouldAssertException($"not a JSON line: {line}\n--- output\n{output}", e);
            }

            parsed.ValueKind.ShouldBe(JsonValueKind.Object, line);
            return parsed;
        })];
    }

    /// <summary>The value of <paramref name="key"/> in the line's scopes, or null when no scope holds it.</summary>
    public static string? Scoped(this JsonElement line, string key) =>
        line.TryGetProperty("Scopes", out var scopes)
            ? scopes.EnumerateArray()
                .Where(scope => scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(key, out _))
                .Select(scope => scope.GetProperty(key).GetString())
                .FirstOrDefault()
            : null;

    public static string Message(this JsonElement line) => line.GetProperty("Message").GetString() ?? "";
}
