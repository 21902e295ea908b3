using System.CommandLine;
using System.CommandLine.Invocation;
using NodaTime;
using Tarnfui.Cli.Cluster;
using Tarnfui.Cli.Schedule;

namespace Tarnfui.Cli;

/// <summary>
/// Composes the <c>kubectl tarnfui</c> command tree from one factory per feature and runs it, writing to the
/// given writers so that tests invoke the exact same commands in-process.
/// </summary>
public static class CliApp
{
    /// <summary>The command did what was asked (for <c>schedule check</c>, whatever the answer).</summary>
    public const int ExitOk = 0;

    /// <summary>Something unexpected failed (an API call, a file).</summary>
    public const int ExitFailure = 1;

    /// <summary>The input was wrong: an invalid spec, instant, option or command line. Nothing was done.</summary>
    public const int ExitUsage = 2;

    public static RootCommand BuildRootCommand(TextWriter stdout, TextWriter stderr, IClock clock)
    {
        var root = new RootCommand("Tarnfui: stops idle workloads outside working hours and restores them when work starts.");
        root.Add(ScheduleCommands.Create(stdout, stderr, clock));
        ClusterCommands.Create(ClusterEnvironment.FromProcess(clock)).ToList().ForEach(root.Add);
        return root;
    }

    /// <summary>Parses and runs <paramref name="args"/>; returns the process exit code.</summary>
    public static Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, IClock clock, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var parseResult = BuildRootCommand(stdout, stderr, clock).Parse(args);
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr };

        // System.CommandLine exits 1 on a command-line error; 1 here means "something failed", and a caller
        // (a script, CI) must be able to tell "you typed it wrong" apart: usage errors exit 2, as invalid specs do.
        if (parseResult.Action is ParseErrorAction)
        {
            foreach (var error in parseResult.Errors)
            {
                stderr.WriteLine($"error: {error.Message}");
            }

            stderr.WriteLine($"Run \"kubectl tarnfui {CommandPath(parseResult)}--help\" for usage.");
            return Task.FromResult(ExitUsage);
        }

        return parseResult.InvokeAsync(configuration, cancellationToken);
    }

    // "schedule check " for `kubectl tarnfui schedule check …`; empty for the root command.
    private static string CommandPath(ParseResult parseResult)
    {
        var path = string.Empty;
        for (var result = parseResult.CommandResult; result.Parent is System.CommandLine.Parsing.CommandResult parent; result = parent)
        {
            path = result.Command.Name + " " + path;
        }

        return path;
    }
}
