namespace Tarnfui.Emulator.Server;

/// <summary>
/// The <see cref="IHostLifetime"/> of the sandbox server and of the applications hosted next to it: it does nothing.
/// The default <c>ConsoleLifetime</c> registers its own SIGINT/SIGTERM handlers, so a hosted webhook or sweeper, or the
/// server itself, would start stopping on a signal behind the back of <c>sandbox serve</c>, which owns the process and
/// stops them in order (sweeper, webhook, then the API server they talk to).
/// </summary>
internal sealed class EmulatorOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
