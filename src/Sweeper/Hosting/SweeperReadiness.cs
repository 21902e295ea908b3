namespace Tarnfui.Sweeper.Hosting;

/// <summary>Set once the worker runs; <c>/readyz</c> answers 503 until then.</summary>
internal sealed class SweeperReadiness
{
    private volatile bool _ready;

    public bool Ready
    {
        get => _ready;
        set => _ready = value;
    }
}
