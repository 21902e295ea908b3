using System.Net;
using Tarnfui.Cli.Dashboard;
using Tarnfui.Cli.Tests.Cluster;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Cli.Tests.Dashboard;

/// <summary>A dashboard started on the sandbox with the CLI user's credentials, and an HTTP client of it over loopback.</summary>
internal sealed class DashboardHost : IAsyncDisposable
{
    private DashboardHost(DashboardServer server, HttpClient http)
    {
        Server = server;
        Http = http;
    }

    public DashboardServer Server { get; }

    /// <summary>A client that follows no redirect and keeps no cookie: each test says what it sends.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts one; the cluster's time is read every <paramref name="clockInterval"/> (a tenth of a second unless given).</summary>
    public static async Task<DashboardHost> StartAsync(SandboxFixture sandbox, DashboardOptions options, TimeSpan? clockInterval = null)
    {
        var server = await DashboardServer.StartAsync(
            sandbox.Server.ClientConfiguration(EmulatorUsers.Cli),
            options with { Fallback = sandbox.Server.Clock, ClockInterval = clockInterval ?? TimeSpan.FromMilliseconds(100) });
        var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = server.BaseUrl };
        return new DashboardHost(server, http);
    }

    public async Task<string> PageAsync(string path)
    {
        using var response = await Http.GetAsync(new Uri(path, UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync());
        return await response.Content.ReadAsStringAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Server.DisposeAsync();
    }
}
