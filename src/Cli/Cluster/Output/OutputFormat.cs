using Tarnfui.Core;

namespace Tarnfui.Cli.Cluster.Output;

/// <summary>The <c>-o</c> formats: kubectl's table, or the same data as JSON or YAML for scripts.</summary>
internal enum OutputFormat
{
    Table,
    Json,
    Yaml,
}

internal static class OutputFormats
{
    public static ParseResult<OutputFormat> Parse(string? text) => text?.Trim().ToLowerInvariant() switch
    {
        null or "" or "table" or "wide" => ParseResult<OutputFormat>.Ok(OutputFormat.Table),
        "json" => ParseResult<OutputFormat>.Ok(OutputFormat.Json),
        "yaml" => ParseResult<OutputFormat>.Ok(OutputFormat.Yaml),
        _ => ParseResult<OutputFormat>.Fail($"unable to match a printer suitable for the output format \"{text}\", allowed formats are: table, json, yaml"),
    };
}
