namespace Tarnfui.Sweeper.Configuration;

/// <summary>
/// Section <c>Sweeper</c> (environment <c>TARNFUI_Sweeper__Interval</c>, command line <c>--Sweeper:Interval=1m</c>).
/// Durations are written in Go's syntax (<c>30s</c>, <c>5m</c>, <c>1h30m</c>, <c>250ms</c>) and bound once, at start,
/// by <see cref="Core.Durations.DurationBinding"/>; it and <see cref="SweeperOptionsValidator"/> reject bad values at
/// start with the key and the value.
/// </summary>
public sealed class SweeperOptions
{
    public const string Section = "Sweeper";

    /// <summary>Time between the starts of two sweeps.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Items per LIST page; bounds memory, since each page is processed and dropped.</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Client-side rate limit: sustained requests per second.</summary>
    public double Qps { get; set; } = 20;

    /// <summary>Client-side rate limit: requests allowed at once above the sustained rate.</summary>
    public int Burst { get; set; } = 40;

    /// <summary>Attempts per request for 429, 5xx, timeouts and dropped connections (1 = no retry).</summary>
    public int MaxAttempts { get; set; } = 6;

    /// <summary>First backoff after a 5xx or a transport failure; doubles per attempt, with jitter.</summary>
    public TimeSpan RetryBackoff { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Longest single wait, whatever Retry-After or the backoff say.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Time to the response headers of one attempt (watches are not cut by it).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Re-reads after a failed precondition (409 or a failed JSON Patch test) before giving up on a workload this sweep.</summary>
    public int MaxConflictRetries { get; set; } = 5;

    /// <summary>Elect a leader through the Lease; off only for a single sweeper (tests, <c>--once</c>).</summary>
    public bool LeaderElection { get; set; } = true;

    /// <summary>This instance's name in the Lease and in Events (default: the host name, which is the pod name).</summary>
    public string? Identity { get; set; }

    // Four times client-go's defaults (15s, 10s, 2s), as cert-manager chooses: each renewal is a request, and a sweeper
    // acting once per Interval gains nothing from a faster hand-over (a graceful one releases the Lease at once; the
    // webhook holds off-hours while no one sweeps). docs/operations.md, "Leader election", has the costs.

    /// <summary>How long a Lease holds without renewal; a standby takes over after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The leader gives up if it cannot renew within this, and writes nothing once its last renewal is older.</summary>
    public TimeSpan RenewDeadline { get; set; } = TimeSpan.FromSeconds(40);

    /// <summary>Time between Lease attempts: a leader renews this often, a standby tries to acquire this often.</summary>
    public TimeSpan RetryPeriod { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Run one sweep and exit (<c>--once</c>).</summary>
    public bool Once { get; set; }

    /// <summary>Plan, log and count, write nothing (<c>--dry-run</c>).</summary>
    public bool DryRun { get; set; }

    /// <summary>
    /// Decide a Deployment from the copy of its annotations and count the deployment controller keeps on its
    /// ReplicaSet, and stop it with one JSON Patch that tests every value the decision read, without reading it; off,
    /// every running Deployment is read each sweep, by day too (the bench's <c>fast-stop</c> command measures both).
    /// </summary>
    public bool FastStop { get; set; } = true;

    /// <summary>
    /// Suspend running Jobs off-hours (found from their pods) and resume them in the morning. Off by default: suspending
    /// a Job deletes its running pods, so their work in progress is lost. Off, nothing about Jobs costs a request.
    /// </summary>
    public bool SuspendJobs { get; set; }

    /// <summary>Keep the namespaces and the stopped workloads current with watches rather than re-listing each sweep.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>
    /// What the watch of the running ReplicaSets cannot show. A ReplicaSet the watch holds is current at any age; this
    /// bounds how long a Deployment read in full stands for it (the removal of an annotation is never copied onto its
    /// ReplicaSet): the longest a decision to leave a workload running by its own annotations can rest on an outdated
    /// read. It also bounds how long a ReplicaSet's metadata is trusted when the watch does not hold it (no watch, the
    /// watch down, not reported yet) before it is read again. Between half of this and all of it, spread by ReplicaSet.
    /// Stops never rest on either: their patch tests every value read.
    /// </summary>
    public TimeSpan OwnerCacheMaxAge { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long a watch may go without an event or bookmark before the sweep re-lists instead of trusting it (the
    /// API server sends a bookmark about once a minute on a healthy watch).
    /// </summary>
    public TimeSpan WatchStaleAfter { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// How long discovery's answer on an optional API (Argo Rollouts, KEDA) is kept before it is asked again: the
    /// longest a CRD installed or removed goes unnoticed. Sweeps in between pay no request for it.
    /// </summary>
    public TimeSpan DiscoveryInterval { get; set; } = TimeSpan.FromMinutes(5);
}
