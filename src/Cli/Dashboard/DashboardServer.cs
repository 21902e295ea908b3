using System.Net;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Tarnfui.Cli.Cluster.Workloads;
using Tarnfui.Cli.Dashboard.Model;
using Tarnfui.Cli.Dashboard.Web;

namespace Tarnfui.Cli.Dashboard;

/// <summary>
/// A running dashboard: a local web server (ASP.NET Core minimal APIs) over a model of one cluster, read with the
/// credentials it was given. <c>kubectl tarnfui dashboard</c>, <c>sandbox serve --dashboard</c> and the tests start it
/// here; <see cref="DisposeAsync"/> stops the server, the watches and the clock.
/// </summary>
public sealed class DashboardServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ClusterModel _model;
    private readonly IDisposable? _ownedClient;
    private readonly CancellationTokenSource _stopping;
    private readonly Task _clock;

    private DashboardServer(WebApplication app, ClusterModel model, IDisposable? ownedClient, CancellationTokenSource stopping, Task clock, Uri baseUrl, Uri openUrl)
    {
        _app = app;
        _model = model;
        _ownedClient = ownedClient;
        _stopping = stopping;
        _clock = clock;
        BaseUrl = baseUrl;
        OpenUrl = openUrl;
    }

    /// <summary>Where the dashboard answers, ending in <c>/</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>The URL to open: <see cref="BaseUrl"/>, with the access token when the address is not loopback.</summary>
    public Uri OpenUrl { get; }

    /// <summary>Reads the cluster once, starts the watches and the server; returns once it answers.</summary>
    public static async Task<DashboardServer> StartAsync(KubernetesClientConfiguration configuration, DashboardOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var client = new Kubernetes(configuration);
        try
        {
            return await StartAsync(new WorkloadApi(client), options, client, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    internal static async Task<DashboardServer> StartAsync(WorkloadApi api, DashboardOptions options, IDisposable? ownedClient, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(options);
        var feed = new ChangeFeed();
        var clock = new ClusterClock(api.Client, options.Fallback, options.FixedNow);
        await clock.ReadAsync(cancellationToken);
        var model = new ClusterModel(api, options.Namespace, feed);
        var stopping = new CancellationTokenSource();
        try
        {
            await model.StartAsync(cancellationToken);
            var access = new Access(tokenRequired: !options.LoopbackOnly);
            var app = Build(options, new DashboardRoutes(model, clock, feed, access, api, options, stopping.Token));
            await app.StartAsync(cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var baseUrl = Reachable(new Uri(address.EndsWith('/') ? address : address + "/"), options.Address);
            var openUrl = access.TokenRequired ? new Uri(baseUrl, $"?token={access.Token}") : baseUrl;
            var following = Task.Run(() => clock.FollowAsync(options.ClockInterval, feed, stopping.Token), CancellationToken.None);
            return new DashboardServer(app, model, ownedClient, stopping, following, baseUrl, openUrl);
        }
        catch
        {
            await stopping.CancelAsync();
            await model.DisposeAsync();
            stopping.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Live pages (/events) end first, or the server would wait for them to finish.
        await _stopping.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await _clock.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _model.DisposeAsync();
        _ownedClient?.Dispose();
        _stopping.Dispose();
    }

    // Listening on every address (0.0.0.0, ::) is reached through this machine's name, not through "0.0.0.0".
    private static Uri Reachable(Uri bound, IPAddress address) =>
        address.Equals(IPAddress.Any) || address.Equals(IPAddress.IPv6Any)
            ? new UriBuilder(bound) { Host = Dns.GetHostName() }.Uri
            : bound;

    private static WebApplication Build(DashboardOptions options, DashboardRoutes routes)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(options.Address, options.Port));
        var app = builder.Build();
        app.Use((context, next) => routes.Access.InvokeAsync(context, _ => next()));
        routes.Map(app);
        return app;
    }
}
