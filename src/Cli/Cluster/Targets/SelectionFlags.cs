using System.CommandLine;
using Tarnfui.Core;

namespace Tarnfui.Cli.Cluster.Targets;

/// <summary>The workload arguments and the <c>-l</c>/<c>--all</c> flags of wake, sleep and restore.</summary>
internal sealed class SelectionFlags
{
    public Argument<string[]> Workloads { get; } = new("workloads")
    {
        Description = "KIND/NAME, e.g. deploy/api, sts/db or cj/report (deployment, statefulset, cronjob and their plurals also work)",
        Arity = ArgumentArity.ZeroOrMore,
    };

    public Option<string?> Selector { get; } = new("--selector", "-l") { Description = "Label selector, e.g. -l app=api,tier!=db" };

    public Option<bool> All { get; } = new("--all") { Description = "Every Deployment, StatefulSet and CronJob in the namespace (every namespace with -A)" };

    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Arguments.Add(Workloads);
        command.Options.Add(Selector);
        command.Options.Add(All);
    }

    public ParseResult<TargetSelection> Read(ParseResult parse, bool allNamespaces)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return TargetSelection.Parse(parse.GetValue(Workloads), parse.GetValue(Selector), parse.GetValue(All), allNamespaces);
    }
}
