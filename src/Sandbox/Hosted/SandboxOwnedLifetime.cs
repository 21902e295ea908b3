namespace Tarnfui.Sandbox.Hosted;

/// <summary>
/// The <see cref="IHostLifetime"/> of an application hosted inside the sandbox process: it does nothing. The default
/// <c>ConsoleLifetime</c> registers its own SIGINT/SIGTERM handlers, so a hosted webhook or sweeper would stop on a
/// signal behind the back of <c>sandbox serve</c>, which owns the process and stops them in order (sweeper, webhook,
/// then the API server they talk to).
/// </summary>
internal sealed class SandboxOwnedLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
