using System.Text.Json;
using System.Text.Json.Serialization;

namespace Tarnfui.Sandbox.Demo;

/// <summary>API requests and response bytes one client identity cost over the whole timeline, from the sandbox's accounting.</summary>
internal sealed record ApiCost(long Requests, long Bytes)
{
    public static ApiCost operator +(ApiCost left, ApiCost right) =>
        new(left.Requests + right.Requests, left.Bytes + right.Bytes);

    public ApiCost Add(ApiCost other) => this + other;
}

/// <summary>A workload that did not end at the count it was expected at.</summary>
internal sealed record LostWorkload(string Workload, int Expected, int Actual);

/// <summary>
/// The numbers <c>sandbox demo</c> ends with, printed as a table and written by <c>--json</c>. <see cref="Lost"/>
/// counts every workload not at its expected count after the morning: the count before the evening, or the one a
/// person deliberately set during the night (the update's 5, the manual scale-down's 0).
/// </summary>
internal sealed record DemoSummary
{
    public required int Namespaces { get; init; }

    public required int Deployments { get; init; }

    public required int StatefulSets { get; init; }

    public required double ZeroFraction { get; init; }

    public required string TimeZone { get; init; }

    public required string Start { get; init; }

    public required string End { get; init; }

    public required string Tick { get; init; }

    public required int Ticks { get; init; }

    /// <summary>Deployments and StatefulSets in the cluster, system and operator-owned ones included.</summary>
    public required int Workloads { get; init; }

    /// <summary>Workloads with replicas before the evening.</summary>
    public required int RunningBefore { get; init; }

    /// <summary>Distinct workloads Tarnfui's sweeper stopped at least once.</summary>
    public required int Stopped { get; init; }

    /// <summary>Distinct workloads Tarnfui's sweeper restored at least once.</summary>
    public required int Restored { get; init; }

    /// <summary>The most replicas held down at once.</summary>
    public required long ReplicasHeld { get; init; }

    /// <summary>Of the workloads Tarnfui stopped, how many ended at exactly their expected count.</summary>
    public required int RestoredExactly { get; init; }

    /// <summary>How many workloads Tarnfui stopped, i.e. how many <see cref="RestoredExactly"/> should be.</summary>
    public required int Expected { get; init; }

    /// <summary>Workloads (all of them, not only the stopped ones) not at their expected count at the end. Must be 0.</summary>
    public required int Lost { get; init; }

    /// <summary>Scale-ups of stopped workloads the webhook zeroed, keeping the requested count for the morning.</summary>
    public required int ScaleUpsZeroed { get; init; }

    /// <summary>Scale-ups through <c>/scale</c> the webhook refused.</summary>
    public required int ScaleUpsRefused { get; init; }

    /// <summary>Workloads a person changed while stopped, left at their count in the morning (RestoreSkipped).</summary>
    public required int ManualChangesRespected { get; init; }

    /// <summary>Requests and bytes of Tarnfui: its sweeper's and its webhook's identities together.</summary>
    public required ApiCost Tarnfui { get; init; }

    public required ApiCost TarnfuiSweeper { get; init; }

    public required ApiCost TarnfuiWebhook { get; init; }

    /// <summary>Requests and bytes of the list-everything sweeper at the same ticks.</summary>
    public required ApiCost Naive { get; init; }

    /// <summary>Tarnfui's requests by call, e.g. <c>"list pods": 123</c>.</summary>
    public required IReadOnlyDictionary<string, long> TarnfuiCalls { get; init; }

    /// <summary>The naive sweeper's requests by call.</summary>
    public required IReadOnlyDictionary<string, long> NaiveCalls { get; init; }

    /// <summary>Naive requests per Tarnfui request.</summary>
    public double RequestRatio => Tarnfui.Requests == 0 ? 0 : Math.Round((double)Naive.Requests / Tarnfui.Requests, 1);

    /// <summary>Naive bytes per Tarnfui byte.</summary>
    public double ByteRatio => Tarnfui.Bytes == 0 ? 0 : Math.Round((double)Naive.Bytes / Tarnfui.Bytes, 1);

    /// <summary>How the scripted <c>kubectl scale</c> was sent: <c>kubectl</c> (the real binary) or <c>KubernetesClient</c>.</summary>
    public required string ScaleClient { get; init; }

    public required double ElapsedSeconds { get; init; }

    public required IReadOnlyList<LostWorkload> LostWorkloads { get; init; }

    /// <summary>CronJobs in the cluster at the end.</summary>
    public required int CronJobs { get; init; }

    /// <summary>Distinct CronJobs Tarnfui's sweeper suspended at least once.</summary>
    public required int CronJobsSuspended { get; init; }

    /// <summary>Distinct CronJobs Tarnfui's sweeper resumed at least once.</summary>
    public required int CronJobsResumed { get; init; }

    /// <summary>CronJobs with <c>spec.suspend</c> false at the end.</summary>
    public required int CronJobsRunningAtEnd { get; init; }

    /// <summary>Night re-applies of a suspended CronJob with <c>suspend: false</c> that the webhook held suspended, the intent recorded.</summary>
    public required int CronJobReappliesHeld { get; init; }

    /// <summary>Whether the re-applied CronJob runs at the end, free of Tarnfui's record.</summary>
    public required bool ReappliedCronJobRunningAtEnd { get; init; }

    /// <summary>The off-hours window the Jobs are counted in, in the zone: <c>Fri 19:00 - Mon 07:00</c>.</summary>
    public required string JobWindow { get; init; }

    /// <summary>Jobs of CronJobs created inside <see cref="JobWindow"/>, from their creationTimestamps in the store. Must be 0.</summary>
    public required int JobsStartedInWindow { get; init; }

    /// <summary>The first of those, namespace/name.</summary>
    public required IReadOnlyList<string> JobsStartedInWindowNames { get; init; }

    /// <summary>Jobs of CronJobs created outside the window: the CronJobs did run in working hours.</summary>
    public required int JobsStartedOutsideWindow { get; init; }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        // "+01:00" rather than "\u002B01:00": the file is for people and jq, not for an HTML page.
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);

    public static DemoSummary? FromJson(string json) => JsonSerializer.Deserialize<DemoSummary>(json, JsonOptions);
}
