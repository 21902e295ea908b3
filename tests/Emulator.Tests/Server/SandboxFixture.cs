using Microsoft.Extensions.DependencyInjection;
using NodaTime;
using Tarnfui.Emulator.Admission;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Server;

/// <summary>
/// One sandbox shared by the integration tests of the collection; each test makes its own namespace. Admission
/// goes through <see cref="RecordingAdmission"/>, which passes everything unless a test gives it a rule.
/// </summary>
public sealed class SandboxFixture : EmulatorFixture
{
    public RecordingAdmission Admission { get; } = new();

    /// <summary>A fresh namespace named after the test.</summary>
    public Task<string> CreateNamespaceAsync() => CreateNamespaceAsync("t");

    protected override EmulatorOptions Options() => new()
    {
        StartTime = Instant.FromUtc(2026, 11, 23, 9, 0),
        // These tests assert exactly what clients wrote; the controllers have their own tests and server.
        EmulateControllers = false,
        ConfigureServices = services => services.AddSingleton<IAdmissionStep>(Admission),
    };
}

[CollectionDefinition("Sandbox")]
public sealed class SandboxCollectionDefinition : ICollectionFixture<SandboxFixture>;
