using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Emulator.Tests.Server;

/// <summary>
/// One sandbox shared by the integration tests of the collection; each test makes its own namespace. Admission
/// goes through <see cref="RecordingAdmission"/>, which passes everything unless a test gives it a rule.
/// </summary>
public sealed class SandboxFixture : IAsyncLifetime
{
    public EmulatorServer Server { get; private set; } = null!;
    public Kubernetes Client { get; private set; } = null!;
    public RecordingAdmission Admission { get; } = new();

    public async Task InitializeAsync()
    {
        Server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            StartTime = Instant.FromUtc(2026, 11, 23, 9, 0),
            // These tests assert exactly what clients wrote; the controllers have their own tests and server.
            EmulateControllers = false,
            ConfigureServices = services => services.AddSingleton<IAdmissionStep>(Admission),
        });
        Client = Server.CreateClient();
    }

    public async Task DisposeAsync()
    {
        Client.Dispose();
        await Server.DisposeAsync();
    }

    /// <summary>A fresh namespace named after the test.</summary>
    public async Task<string> CreateNamespaceAsync(string prefix = "t")
    {
        var ns = await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { GenerateName = prefix + "-" } });
        return ns.Metadata.Name;
    }
}

[CollectionDefinition("Sandbox")]
public sealed class SandboxCollectionDefinition : ICollectionFixture<SandboxFixture>;
