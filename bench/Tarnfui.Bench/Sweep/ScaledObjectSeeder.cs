using System.Globalization;
using System.Text.Json.Nodes;
using Tarnfui.Core;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Bench.Sweep;

/// <summary>
/// KEDA ScaledObjects for the cost scenarios: the reduced CRD the tests install
/// (<c>tests/Testing/Crds/keda-scaledobjects.yaml</c>), created through the API, then ScaledObjects stored in bulk, each
/// scaling one of the seeded Deployments (spread evenly over them, so over their namespaces too) with a weekday cron
/// trigger and <c>minReplicaCount: 0</c>, as a team that scales to zero off-hours with KEDA writes it.
/// </summary>
public static class ScaledObjectSeeder
{
    public static async Task<int> SeedAsync(EmulatorServer server, ClusterShape shape, int count, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(shape);
        if (count == 0)
        {
            return 0;
        }

        var type = await TestCrds.InstallAsync(server, "keda-scaledobjects.yaml", WellKnown.Keda.Group, WellKnown.Keda.Version, WellKnown.Keda.ScaledObjects, cancellationToken);
        var every = Math.Max(1, shape.Deployments / count);
        return server.Store.CreateMany(type, Enumerable.Range(0, count).Select(i => ScaledObject(i, i * every % Math.Max(1, shape.Deployments), shape)));
    }

    // The seeder names Deployment i "app-" and i + 1 in six digits, in namespace i modulo the namespaces.
    private static JsonObject ScaledObject(int index, int deployment, ClusterShape shape) => new()
    {
        ["apiVersion"] = $"{WellKnown.Keda.Group}/{WellKnown.Keda.Version}",
        ["kind"] = WellKnown.Keda.ScaledObjectKind,
        ["metadata"] = new JsonObject
        {
            ["name"] = "so-" + index.ToString("D5", CultureInfo.InvariantCulture),
            ["namespace"] = ClusterSeeder.NamespaceName(deployment % shape.Namespaces),
        },
        ["spec"] = new JsonObject
        {
            ["scaleTargetRef"] = new JsonObject { ["name"] = "app-" + (deployment + 1).ToString("D6", CultureInfo.InvariantCulture) },
            ["minReplicaCount"] = 0,
            ["maxReplicaCount"] = 10,
            ["triggers"] = new JsonArray(new JsonObject
            {
                ["type"] = "cron",
                ["metadata"] = new JsonObject { ["timezone"] = "UTC", ["start"] = "0 7 * * 1-5", ["end"] = "0 19 * * 1-5", ["desiredReplicas"] = "3" },
            }),
        },
    };
}
