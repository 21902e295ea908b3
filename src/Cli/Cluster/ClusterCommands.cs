using System.CommandLine;
using Tarnfui.Cli.Cluster.Explain;
using Tarnfui.Cli.Cluster.Migrate;
using Tarnfui.Cli.Cluster.Restore;
using Tarnfui.Cli.Cluster.Sleep;
using Tarnfui.Cli.Cluster.Status;
using Tarnfui.Cli.Cluster.Wake;
using Tarnfui.Cli.Dashboard;

namespace Tarnfui.Cli.Cluster;

/// <summary>The commands that talk to a cluster: status, explain, wake, sleep, restore, migrate, dashboard.</summary>
public static class ClusterCommands
{
    /// <summary>The commands, to add to the root command. Usage errors exit 2, runtime errors 1, and nothing is changed on a usage error.</summary>
    public static IReadOnlyList<Command> Create(ClusterEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return
        [
            StatusCommand.Create(environment),
            ExplainCommand.Create(environment),
            WakeCommand.Create(environment),
            SleepCommand.Create(environment),
            RestoreCommand.Create(environment),
            MigrateCommand.Create(environment),
            DashboardCommand.Create(environment),
        ];
    }
}
