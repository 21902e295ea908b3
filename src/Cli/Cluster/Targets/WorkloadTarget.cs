using System.Text.RegularExpressions;
using Tarnfui.Core;
using Tarnfui.Core.Policy;

namespace Tarnfui.Cli.Cluster.Targets;

/// <summary>A workload named on the command line as kubectl names one: <c>deploy/api</c>, <c>statefulset.apps/db</c>, <c>cj/report</c>.</summary>
internal sealed partial record WorkloadTarget(WorkloadKind Kind, string Name)
{
    // RFC 1123 subdomain: what the API server accepts as a Deployment, StatefulSet or CronJob name. No timeout: backtracking is
    // bounded by the 253-character cap checked first, and a cold process on a busy machine can exceed any small bound.
    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", RegexOptions.CultureInvariant)]
    private static partial Regex NameGrammar();

    /// <summary>Named as a KEDA ScaledObject (explain only): <see cref="Name"/> is the ScaledObject's, the workload is its target.</summary>
    public bool ScaledObject { get; init; }

    public WorkloadRef In(string @namespace) => new(Kind, @namespace, Name);

    public static ParseResult<WorkloadTarget> Parse(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        var slash = trimmed.IndexOf('/', StringComparison.Ordinal);
        if (slash <= 0 || slash == trimmed.Length - 1)
        {
            return ParseResult<WorkloadTarget>.Fail($"invalid workload \"{text}\": name it as KIND/NAME, e.g. deploy/api or sts/db");
        }

        var kindText = trimmed[..slash];
        var name = trimmed[(slash + 1)..];
        // Every spelling kubectl accepts for a kind (singular, plural, short name, group-qualified) is in its descriptor.
        if (WorkloadKind.FindByAlias(kindText) is not { } kind || !CliKinds.Handled.Contains(kind))
        {
            return ParseResult<WorkloadTarget>.Fail(
                $"invalid workload \"{text}\": kind \"{kindText}\" is not one Tarnfui stops; use {string.Join(", ", CliKinds.Handled.Select(CliKinds.Hint))} ({string.Join(", ", CliKinds.Handled.Select(k => k.Singular))})");
        }

        if (name.Length > 253 || !NameGrammar().IsMatch(name))
        {
            return ParseResult<WorkloadTarget>.Fail(
                $"invalid workload \"{text}\": \"{name}\" is not a valid name (lower-case letters, digits, '-' and '.', e.g. deploy/api-v2)");
        }

        return ParseResult<WorkloadTarget>.Ok(new WorkloadTarget(kind, name));
    }
}
