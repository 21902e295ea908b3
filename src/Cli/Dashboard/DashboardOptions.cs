using System.Net;
using NodaTime;

namespace Tarnfui.Cli.Dashboard;

/// <summary>How a dashboard is served: where, for which namespaces, whether it may change anything, which clock.</summary>
public sealed record DashboardOptions
{
    /// <summary>The address to listen on; loopback unless a person names another with <c>--address</c>.</summary>
    public IPAddress Address { get; init; } = IPAddress.Loopback;

    /// <summary>The port; 0 lets the system choose a free one.</summary>
    public int Port { get; init; }

    /// <summary>The namespace shown, or null for all of them (<c>-A</c>).</summary>
    public string? Namespace { get; init; }

    /// <summary>Whether wake, sleep and restore are offered and carried out (<c>--allow-changes</c>).</summary>
    public bool AllowChanges { get; init; }

    /// <summary>The instant every page is evaluated at instead of the cluster's time (<c>--now</c>, <c>TARNFUI_NOW</c>).</summary>
    public Instant? FixedNow { get; init; }

    /// <summary>The clock used when the API server's answer carries no <c>Date</c>.</summary>
    public IClock Fallback { get; init; } = SystemClock.Instance;

    /// <summary>How often the cluster's time is read again (<c>GET /version</c>, one small request).</summary>
    public TimeSpan ClockInterval { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>Whether the address is one only this machine can reach: then no access token is asked for.</summary>
    public bool LoopbackOnly => IPAddress.IsLoopback(Address);
}
