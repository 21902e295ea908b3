using System.CommandLine;
using System.Net;
using Tarnfui.Cli.Cluster;
using Tarnfui.Cli.Cluster.Connection;
using Tarnfui.Core;

namespace Tarnfui.Cli.Dashboard;

/// <summary><c>kubectl tarnfui dashboard</c>: a local web page of what Tarnfui holds and when, kept live by watches.</summary>
internal static class DashboardCommand
{
    public static Command Create(ClusterEnvironment environment)
    {
        var flags = new ConnectionFlags();
        var port = new Option<int>("--port") { Description = "The port to listen on (default 0: a free one the system chooses)" };
        var address = new Option<string?>("--address") { Description = "The address to listen on (default 127.0.0.1). Another address needs the access token the printed URL carries" };
        var noBrowser = new Option<bool>("--no-browser") { Description = "Print the URL without opening a browser" };
        var allowChanges = new Option<bool>("--allow-changes") { Description = "Offer wake, sleep and restore on the pages, carried out with your credentials; without it the dashboard only reads" };
        var command = new Command(
            "dashboard",
            "Serve a local web dashboard of what Tarnfui holds down, every namespace's schedule as a week timeline, and each " +
            "workload's explanation. It reads the cluster once as status does, then keeps up through watches and pushes changes " +
            "to open pages; it runs with your kubeconfig's credentials and RBAC. Stop it with Ctrl+C.");
        command.Options.Add(port);
        command.Options.Add(address);
        command.Options.Add(noBrowser);
        command.Options.Add(allowChanges);
        flags.AddTo(command, output: false);
        ClusterAction.Set(
            command,
            flags,
            environment,
            parse => Validate(parse, flags, environment, port, address, noBrowser, allowChanges),
            RunAsync);
        return command;
    }

    private sealed record Request(DashboardOptions Options, bool OpenBrowser);

    private static ParseResult<Request> Validate(
        ParseResult parse, ConnectionFlags flags, ClusterEnvironment environment, Option<int> port, Option<string?> address, Option<bool> noBrowser, Option<bool> allowChanges)
    {
        var number = parse.GetValue(port);
        if (number is < 0 or > 65535)
        {
            return ParseResult<Request>.Fail($"invalid --port {number}: use 0 (any free port) to 65535");
        }

        var listen = IPAddress.Loopback;
        if (parse.GetValue(address) is { } text)
        {
            if (string.Equals(text.Trim(), "localhost", StringComparison.OrdinalIgnoreCase))
            {
                listen = IPAddress.Loopback;
            }
            else if (!IPAddress.TryParse(text.Trim(), out listen))
            {
                return ParseResult<Request>.Fail($"invalid --address \"{text}\": use an IP address such as 127.0.0.1, ::1 or 0.0.0.0");
            }
        }

        var now = ClusterAction.Now(parse.GetValue(flags.Now), environment);
        var options = new DashboardOptions
        {
            Address = listen,
            Port = number,
            AllowChanges = parse.GetValue(allowChanges),
            FixedNow = now.IsValid ? now.Value : null,
            Fallback = environment.Clock,
        };
        return ParseResult<Request>.Ok(new Request(options, !parse.GetValue(noBrowser)));
    }

    private static async Task<int> RunAsync(ClusterSession session, Request request, CancellationToken cancellationToken)
    {
        var options = request.Options with { Namespace = session.Scope };
        await using var server = await DashboardServer.StartAsync(session.Api, options, ownedClient: null, cancellationToken);
        await session.Out.WriteLineAsync($"Tarnfui dashboard: {server.OpenUrl}");
        if (!options.LoopbackOnly)
        {
            await session.Error.WriteLineAsync($"warning: listening on {options.Address}, reachable from other machines: the URL's token is the only key, keep it to yourself");
        }

        if (request.OpenBrowser && BrowserLauncher.Open(server.OpenUrl) is { } why)
        {
            await session.Error.WriteLineAsync($"The browser was not opened ({why}): open the URL above.");
        }

        await session.Error.WriteLineAsync("Press Ctrl+C to stop.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C: the server stops as it is disposed.
        }

        return ClusterAction.Ok;
    }

}
