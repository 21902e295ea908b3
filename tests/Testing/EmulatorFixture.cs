using k8s;
using k8s.Models;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Store;
using Xunit;

namespace Tarnfui.Testing;

/// <summary>
/// What every test fixture around the emulated API server shares: the server started on loopback with the options
/// the fixture chooses, an admin client to it, its store, kubeconfig files for its users, and their disposal.
/// A fixture derives from it and keeps only what is its own (a webhook hosted in the sandbox, its helpers).
/// </summary>
public abstract class EmulatorFixture : IAsyncLifetime
{
    private readonly Lazy<string> _directory = new(() => Directory.CreateTempSubdirectory("tarnfui-sandbox-").FullName);

    public EmulatorServer Server { get; private set; } = null!;

    /// <summary>A client of the sandbox's admin user.</summary>
    public Kubernetes Client { get; private set; } = null!;

    public ObjectStore Store => Server.Store;

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync(Options());
        Client = Server.CreateClient();
        await StartedAsync();
    }

    public async Task DisposeAsync()
    {
        await StoppingAsync();
        Client.Dispose();
        await Server.DisposeAsync();
        if (_directory.IsValueCreated)
        {
            Directory.Delete(_directory.Value, recursive: true);
        }
    }

    /// <summary>Writes a kubeconfig for <paramref name="user"/> into the fixture's own folder, removed with it.</summary>
    public string WriteKubeconfig(string user = EmulatorUsers.Admin) =>
        Server.WriteKubeconfig(Path.Combine(_directory.Value, $"{user}.kubeconfig"), user);

    /// <summary>A fresh namespace named <paramref name="prefix"/>- and a suffix the server generates.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix, IDictionary<string, string>? annotations = null)
    {
        var ns = await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { GenerateName = prefix + "-", Annotations = annotations } });
        return ns.Metadata.Name;
    }

    /// <summary>Waits until the emulated controllers have nothing left to do (the bound only ends a hang).</summary>
    public Task SettledAsync() => Server.Controllers.SettledAsync(Eventually.Bound);

    /// <summary>The sandbox this fixture runs: its start instant, its clock's speed, what it emulates.</summary>
    protected abstract EmulatorOptions Options();

    /// <summary>Runs once the server and the client are up: what the fixture adds to the sandbox.</summary>
    protected virtual Task StartedAsync() => Task.CompletedTask;

    /// <summary>Runs before the client and the server go: stops what <see cref="StartedAsync"/> added.</summary>
    protected virtual Task StoppingAsync() => Task.CompletedTask;
}
