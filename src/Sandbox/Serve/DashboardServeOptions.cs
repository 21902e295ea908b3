using System.CommandLine;
using System.Globalization;
using Tarnfui.Cli.Dashboard;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Sandbox.Serve;

/// <summary>
/// <c>sandbox serve --dashboard [--dashboard-port P] [--dashboard-allow-changes]</c>: the dashboard of
/// <c>kubectl tarnfui dashboard</c>, started on the emulated cluster once it accepts requests, with the credentials of
/// the kubeconfig serve writes (the admin user) and all namespaces in view, so a newcomer sees it with no cluster.
/// Its URL is printed on stderr as <c>tarnfui dashboard: URL</c>, next to the hosted webhook's and sweeper's lines.
/// </summary>
public static class DashboardServeOptions
{
    /// <summary>The start of the line that carries the dashboard's URL, for a person and for scripts.</summary>
    public const string UrlLine = "tarnfui dashboard: ";

    public static Func<ParseResult, EmulatorOptions, EmulatorOptions> AddTo(Command serve)
    {
        ArgumentNullException.ThrowIfNull(serve);
        var dashboard = new Option<bool>("--dashboard")
        {
            Description = "Serve the kubectl tarnfui dashboard on the emulated cluster, on 127.0.0.1, and print its URL on stderr",
        };
        var port = new Option<int>("--dashboard-port")
        {
            Description = "With --dashboard: the dashboard's port on 127.0.0.1 (default 0: a free one the system chooses)",
        };
        var allowChanges = new Option<bool>("--dashboard-allow-changes")
        {
            Description = "With --dashboard: offer wake, sleep and restore on its pages (kubectl tarnfui dashboard --allow-changes)",
        };
        serve.Add(dashboard);
        serve.Add(port);
        serve.Add(allowChanges);

        return (result, options) =>
        {
            var number = result.GetValue(port);
            var wanted = result.GetValue(dashboard);
            if (!wanted && (result.GetResult(port) is not null || result.GetValue(allowChanges)))
            {
                throw new ArgumentException("--dashboard-port and --dashboard-allow-changes need --dashboard");
            }

            if (number is < 0 or > 65535)
            {
                throw new ArgumentException($"--dashboard-port must be 0 (any free port) to 65535, got {number.ToString(CultureInfo.InvariantCulture)}");
            }

            if (!wanted)
            {
                return options;
            }

            var dashboardOptions = new DashboardOptions { Port = number, AllowChanges = result.GetValue(allowChanges) };
            return options with { Attachments = [.. options.Attachments, async (server, cancellationToken) => await StartAsync(server, dashboardOptions, cancellationToken)] };
        };
    }

    /// <summary>
    /// Starts the dashboard on an emulated cluster that accepts requests (for <c>serve</c> and <c>demo</c>), as its admin
    /// user, and prints the <see cref="UrlLine"/>.
    /// </summary>
    public static async Task<DashboardServer> StartAsync(EmulatorServer server, DashboardOptions dashboardOptions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(dashboardOptions);
        // The emulator's answers carry its simulated time in Date: the dashboard follows --at, --speed, the demo's
        // steps and POST /sandbox/clock as the hosted sweeper does.
        var started = await DashboardServer.StartAsync(
            server.ClientConfiguration(EmulatorUsers.Admin),
            dashboardOptions with { Fallback = server.Clock },
            cancellationToken);
        var mode = dashboardOptions.AllowChanges ? "wake, sleep and restore allowed" : "read-only";
        await Console.Error.WriteLineAsync($"{UrlLine}{started.OpenUrl} ({mode})");
        return started;
    }
}
