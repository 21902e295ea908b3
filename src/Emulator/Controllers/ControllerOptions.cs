namespace Tarnfui.Emulator.Controllers;

/// <summary>The emulated cluster's nodes: DaemonSets run one pod on each, other pods are spread over them.</summary>
public sealed class ControllerOptions
{
    public IReadOnlyList<string> Nodes { get; set; } = ["sandbox-node-1", "sandbox-node-2", "sandbox-node-3"];
}
