using System.CommandLine;
using System.Text.Json;
using k8s;
using k8s.Autorest;
using NodaTime;
using Tarnfui.Cli.Cluster.Connection;
using Tarnfui.Cli.Cluster.Output;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Core;
using InstantText = NodaTime.Text.OffsetDateTimePattern;

namespace Tarnfui.Cli.Cluster;

/// <summary>
/// Runs a cluster command in two phases: validate every input before touching the cluster (usage errors exit 2, and
/// nothing is read or changed), then connect and run (runtime errors exit 1 with kubectl's wording).
/// </summary>
internal static class ClusterAction
{
    public const int Ok = 0;
    public const int RuntimeError = 1;
    public const int UsageError = 2;

    public static void Set<TRequest>(
        Command command,
        ConnectionFlags flags,
        ClusterEnvironment environment,
        Func<ParseResult, ParseResult<TRequest>> validate,
        Func<ClusterSession, TRequest, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.SetAction((parse, cancellationToken) => InvokeAsync(parse, flags, environment, validate, run, cancellationToken));
    }

    private static async Task<int> InvokeAsync<TRequest>(
        ParseResult parse,
        ConnectionFlags flags,
        ClusterEnvironment environment,
        Func<ParseResult, ParseResult<TRequest>> validate,
        Func<ClusterSession, TRequest, CancellationToken, Task<int>> run,
        CancellationToken cancellationToken)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var format = OutputFormats.Parse(parse.GetValue(flags.Output));
        var now = Now(parse.GetValue(flags.Now), environment);
        var request = validate(parse);
        foreach (var message in new[] { format.Error, now.Error, request.Error })
        {
            if (message is not null)
            {
                await error.WriteLineAsync($"error: {message}");
                return UsageError;
            }
        }

        var configuration = KubeconfigResolver.Resolve(parse.GetValue(flags.Kubeconfig), parse.GetValue(flags.Context), environment);
        if (!configuration.IsValid)
        {
            await error.WriteLineAsync($"error: {configuration.Error}");
            return RuntimeError;
        }

        var namespaceFlag = parse.GetValue(flags.Namespace);
        var @namespace = !string.IsNullOrWhiteSpace(namespaceFlag) ? namespaceFlag : configuration.Value.Namespace is { Length: > 0 } ns ? ns : "default";
        try
        {
            using var client = new Kubernetes(configuration.Value);
            var session = new ClusterSession(
                output,
                error,
                now.Value ?? await ServerTime.ReadAsync(client, environment.Clock, cancellationToken),
                new WorkloadApi(client),
                @namespace,
                !string.IsNullOrWhiteSpace(namespaceFlag),
                parse.CommandResult.Command.Options.Contains(flags.AllNamespaces) && parse.GetValue(flags.AllNamespaces),
                format.Value);
            return await run(session, request.Value, cancellationToken);
        }
        catch (HttpOperationException e)
        {
            await error.WriteLineAsync(Describe(e));
            return RuntimeError;
        }
        catch (HttpRequestException e)
        {
            await error.WriteLineAsync($"error: cannot reach the API server at {configuration.Value.Host}: {e.Message}");
            return RuntimeError;
        }
    }

    // The instant given with --now (or its variable), or null: then the cluster's time, read once connected.
    internal static ParseResult<Instant?> Now(string? flag, ClusterEnvironment environment)
    {
        var text = !string.IsNullOrWhiteSpace(flag) ? flag : environment.Variable(ConnectionFlags.NowVariable);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ParseResult<Instant?>.Ok(null);
        }

        var parsed = InstantText.ExtendedIso.Parse(text.Trim());
        return parsed.Success
            ? ParseResult<Instant?>.Ok(parsed.Value.ToInstant())
            : ParseResult<Instant?>.Fail($"invalid --now \"{text}\": use an RFC 3339 instant, e.g. 2026-11-23T22:00:00Z");
    }

    // kubectl's wording: `Error from server (NotFound): deployments.apps "api" not found`.
    internal static string Describe(HttpOperationException e)
    {
        var status = e.Response.StatusCode;
        string? reason = null;
        string? message = null;
        try
        {
            using var body = JsonDocument.Parse(e.Response.Content ?? string.Empty);
            reason = body.RootElement.TryGetProperty("reason", out var r) ? r.GetString() : null;
            message = body.RootElement.TryGetProperty("message", out var m) ? m.GetString() : null;
        }
        catch (JsonException)
        {
            // Not a Status body (a proxy's HTML page, say): fall back to the HTTP status.
        }

        reason ??= status.ToString();
        message ??= string.IsNullOrWhiteSpace(e.Response.Content) ? $"HTTP {(int)status}" : e.Response.Content.Trim();
        return $"Error from server ({reason}): {message}";
    }
}
