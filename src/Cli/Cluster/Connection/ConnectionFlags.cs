using System.CommandLine;

namespace Tarnfui.Cli.Cluster.Connection;

/// <summary>kubectl's flags for where and how to talk to the cluster, and the output format.</summary>
internal sealed class ConnectionFlags
{
    /// <summary>The environment variable the hidden <c>--now</c> flag falls back to.</summary>
    public const string NowVariable = "TARNFUI_NOW";

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "Path to the kubeconfig file (default: $KUBECONFIG, then ~/.kube/config)" };

    public Option<string?> Context { get; } = new("--context") { Description = "The kubeconfig context to use (default: its current-context)" };

    public Option<string?> Namespace { get; } = new("--namespace", "-n") { Description = "The namespace (default: the context's namespace, else default)" };

    public Option<bool> AllNamespaces { get; } = new("--all-namespaces", "-A") { Description = "Across all namespaces" };

    public Option<string> Output { get; } = new("--output", "-o") { Description = "Output format: table, json or yaml", DefaultValueFactory = _ => "table" };

    // For tests and the demo, whose emulated cluster runs on a simulated clock: evaluate at this instant instead of now.
    public Option<string?> Now { get; } = new("--now") { Description = $"Evaluate at this RFC 3339 instant instead of the API server's time, taken from the Date of its answers (for tests and demos; also ${NowVariable})", Hidden = true };

    public void AddTo(Command command, bool allNamespaces = true, bool output = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(Namespace);
        if (allNamespaces)
        {
            command.Options.Add(AllNamespaces);
        }

        if (output)
        {
            command.Options.Add(Output);
        }

        command.Options.Add(Now);
    }
}
