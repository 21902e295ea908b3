using System.Text.Json.Nodes;

namespace Tarnfui.Bench.Scenarios.SweepCost;

/// <summary>What one sweep cost one sweeper on one cluster, from the sandbox's request log for its identity.</summary>
internal sealed record PhaseCost(
    int Deployments, string Phase, string Sweeper, long Requests, long Bytes, double WallSeconds, ResidentMemory? Peak, int Actions,
    IReadOnlyDictionary<string, long> ByKind)
{
    public JsonObject ToJson() => new()
    {
        ["deployments"] = Deployments,
        ["phase"] = Phase,
        ["sweeper"] = Sweeper,
        ["requests"] = Requests,
        ["responseBytes"] = Bytes,
        ["wallSeconds"] = Math.Round(WallSeconds, 4),
        ["peakMemory"] = Peak?.ToJson(),
        ["actions"] = Actions,
        ["requestsByKind"] = new JsonObject(ByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => KeyValuePair.Create(k.Key, (JsonNode?)k.Value))),
    };
}

/// <summary>
/// A whole night (stop sweep, night ticks, restore sweep) for one sweeper: totals, and the dearest single night tick.
/// <see cref="MeasuredTicks"/> of <see cref="NightTicks"/> night ticks really ran; the rest is extrapolated from them.
/// </summary>
internal sealed record NightCost(
    int Deployments, string Sweeper, int NightTicks, int MeasuredTicks, long Requests, long Bytes, long MaxTickRequests, long MaxTickBytes,
    double NightWallSeconds, long WatchBytes)
{
    public JsonObject ToJson() => new()
    {
        ["deployments"] = Deployments,
        ["sweeper"] = Sweeper,
        ["nightTicks"] = NightTicks,
        ["measuredNightTicks"] = MeasuredTicks,
        ["requests"] = Requests,
        ["responseBytes"] = Bytes,
        ["maxTickRequests"] = MaxTickRequests,
        ["maxTickResponseBytes"] = MaxTickBytes,
        ["nightTicksWallSeconds"] = Math.Round(NightWallSeconds, 3),
        ["watchBytes"] = WatchBytes,
    };
}
