using k8s;
using k8s.Models;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Bench.Sweep;

/// <summary>The CustomResourceDefinitions the tests install (<c>tests/Testing/Crds</c>), installed the same way for the cost scenarios.</summary>
public static class TestCrds
{
    /// <summary>Creates the CRD of <paramref name="file"/> through the API and returns the type the emulator serves for it.</summary>
    public static async Task<ResourceType> InstallAsync(EmulatorServer server, string file, string group, string version, string plural, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        using var admin = server.CreateClient();
        var crd = KubernetesYaml.Deserialize<V1CustomResourceDefinition>(await File.ReadAllTextAsync(PathOf(file), cancellationToken));
        await admin.ApiextensionsV1.CreateCustomResourceDefinitionAsync(crd, cancellationToken: cancellationToken);
        return server.Store.Types.Find(group, version, plural) ?? throw new InvalidOperationException($"the CRD of {file} is not served after its creation");
    }

    // The file the tests install, found from the bench's output folder up to the repository.
    private static string PathOf(string file)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "tests", "Testing", "Crds", file);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"tests/Testing/Crds/{file} not found above {AppContext.BaseDirectory}");
    }
}
