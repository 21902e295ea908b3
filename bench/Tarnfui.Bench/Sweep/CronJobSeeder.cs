using System.Globalization;
using System.Text.Json.Nodes;
using Tarnfui.Emulator.Seeding;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Bench.Sweep;

/// <summary>
/// CronJobs for the cost scenarios, spread over the seeded team namespaces as the seeder spreads Deployments: each
/// a nightly batch, not suspended, with a pod template of the size a real one has, so the view's list costs what a
/// cluster's would. Stored in bulk (the store applies kube-apiserver's defaults, spec.suspend false among them).
/// </summary>
public static class CronJobSeeder
{
    public static int Seed(ObjectStore store, ClusterShape shape, int count)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(shape);
        return store.CreateMany(ResourceTypes.CronJobs, Enumerable.Range(0, count).Select(i => CronJob(ClusterSeeder.NamespaceName(i % shape.Namespaces), i)));
    }

    private static JsonObject CronJob(string @namespace, int index)
    {
        var name = "batch-" + index.ToString("D5", CultureInfo.InvariantCulture);
        return new JsonObject
        {
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = @namespace, ["labels"] = new JsonObject { ["app"] = name } },
            ["spec"] = new JsonObject
            {
                ["schedule"] = $"{index % 60} 2 * * *",
                ["jobTemplate"] = new JsonObject
                {
                    ["spec"] = new JsonObject
                    {
                        ["template"] = new JsonObject
                        {
                            ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = name } },
                            ["spec"] = new JsonObject
                            {
                                ["restartPolicy"] = "OnFailure",
                                ["containers"] = new JsonArray(new JsonObject
                                {
                                    ["name"] = "batch",
                                    ["image"] = "registry.example.com/batch:1.0",
                                    ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["cpu"] = "100m", ["memory"] = "128Mi" } },
                                }),
                            },
                        },
                    },
                },
            },
        };
    }
}
