using System.Net;
using NodaTime;
using Tarnfui.Emulator.Admission;

namespace Tarnfui.Emulator.Server;

/// <summary>How a <see cref="EmulatorServer"/> starts. Everything has a default suitable for tests.</summary>
public sealed record EmulatorOptions
{
    /// <summary>HTTPS port on 127.0.0.1; 0 picks a free one.</summary>
    public int HttpsPort { get; init; }

    /// <summary>Plain HTTP port on 127.0.0.1 (probes, stats, kubectl without TLS); 0 picks a free one.</summary>
    public int HttpPort { get; init; }

    /// <summary>The simulated clock's start; null = the real current time.</summary>
    public Instant? StartTime { get; init; }

    /// <summary>Simulated seconds per real second.</summary>
    public double Speed { get; init; } = 1.0;

    /// <summary>How many changes watches can replay; a resourceVersion older than that gets 410 Gone.</summary>
    public int WatchHistory { get; init; } = 50_000;

    /// <summary>
    /// How often a watch that asked for bookmarks (<c>allowWatchBookmarks=true</c>) gets one while nothing else
    /// happens: kube-apiserver's watch cache sends them about once a minute, which lets a client tell a quiet watch
    /// from a dead one.
    /// </summary>
    public TimeSpan WatchBookmarkInterval { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Create <c>default</c>, <c>kube-system</c>, <c>kube-public</c> and <c>kube-node-lease</c> as a real cluster has them.</summary>
    public bool CreateSystemNamespaces { get; init; } = true;

    /// <summary>
    /// Run the emulated controllers (Deployment → ReplicaSet → Pods, StatefulSets, DaemonSets, Jobs). Off, the store
    /// holds exactly what clients wrote, which tests of the API itself want.
    /// </summary>
    public bool EmulateControllers { get; init; } = true;

    /// <summary>
    /// Where each Service's endpoint is, by <c>namespace/name</c>: a webhook whose <c>clientConfig.service</c> names the
    /// Service is called there (any Service port), while its URL, SNI and certificate check keep the Service's DNS name.
    /// It stands for the ready pod kube-apiserver would pick; a Service with no entry has no endpoints. A key that is not
    /// <c>namespace/name</c> throws <see cref="ArgumentException"/>.
    /// </summary>
    public IReadOnlyDictionary<string, DnsEndPoint> ServiceEndpoints
    {
        get;
        init
        {
            ServiceRoutes.CheckKeys(value);
            field = value;
        }
    } = new Dictionary<string, DnsEndPoint>();

    /// <summary>Minimum level of the server's own logs (ASP.NET Core's included).</summary>
    public LogLevel LogLevel { get; init; } = LogLevel.Warning;

    /// <summary>
    /// Hook for additions (admission calling webhooks, controllers, accounting, hosted webhook/sweeper): runs after the
    /// sandbox registered its services, so a registration here replaces e.g. the pass-through <c>IAdmissionStep</c>.
    /// </summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Hook for middleware and endpoints, run after authentication and before the API endpoints are mapped.</summary>
    public Action<WebApplication>? ConfigureApp { get; init; }

    /// <summary>
    /// What runs next to the server once it accepts requests (<c>sandbox serve</c>'s hosted webhook and sweeper), in
    /// order. Each returns what to stop; <see cref="EmulatorServer.DisposeAsync"/> stops them in reverse order before the
    /// server itself, so that they never talk to a server that is gone.
    /// </summary>
    public IReadOnlyList<Func<EmulatorServer, CancellationToken, Task<IAsyncDisposable>>> Attachments { get; init; } = [];
}
