using System.Globalization;
using System.Text.Json.Nodes;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Bench.Sweep;

/// <summary>
/// Argo Rollouts for the cost scenarios: the Rollout CRD the tests use (<c>tests/Testing/Crds/argo-rollouts.yaml</c>),
/// created through the API so that the emulator serves it, then Rollouts spread over the seeded team namespaces as
/// the seeder spreads Deployments, in bulk: the same fraction at zero, the others with the shape's running replicas.
/// The emulated Rollout controller gives the running ones their ReplicaSet and pods.
/// </summary>
public static class RolloutSeeder
{
    public static async Task<int> SeedAsync(EmulatorServer server, ClusterShape shape, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(shape);
        if (count == 0)
        {
            return 0;
        }

        var type = await TestCrds.InstallAsync(server, "argo-rollouts.yaml", "argoproj.io", "v1alpha1", "rollouts", cancellationToken);
        var running = Math.Max(1, (int)Math.Round(count * (1 - shape.ZeroFraction)));
        var every = Math.Max(1, count / running);
        return server.Store.CreateMany(type, Enumerable.Range(0, count).Select(i => Rollout(ClusterSeeder.NamespaceName(i % shape.Namespaces), i, i % every == 0 ? shape.RunningReplicas : 0)));
    }

    private static JsonObject Rollout(string @namespace, int index, int replicas)
    {
        var name = "ro-" + index.ToString("D5", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1",
            ["kind"] = "Rollout",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["labels"] = new JsonObject { ["app"] = name } },
            ["spec"] = new JsonObject
            {
                ["replicas"] = replicas,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                    ["spec"] = new JsonObject
                    {
                        ["containers"] = new JsonArray(new JsonObject
                        {
                            ["name"] = "app",
                            ["image"] = "registry.example.com/app:1.0",
                            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" } },
                        }),
                    },
                },
                ["strategy"] = new JsonObject { ["canary"] = new JsonObject() },
            },
        };
    }
}
