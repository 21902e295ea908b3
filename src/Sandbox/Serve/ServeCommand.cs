using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Tarnfui.Emulator.Controllers;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Sandbox.Serve;

/// <summary>
/// <c>sandbox serve --kubeconfig FILE [--port P] [--http-port P] [--at RFC3339] [--speed F] [--service NS/NAME=HOST:PORT]…</c>: runs the emulated
/// cluster until SIGINT/SIGTERM, after writing a kubeconfig and printing <c>ready &lt;url&gt;</c> once requests are accepted.
/// </summary>
public static class ServeCommand
{
    /// <summary>Adds its options to the serve command and returns how their values change the <see cref="EmulatorOptions"/>.</summary>
    public delegate Func<ParseResult, EmulatorOptions, EmulatorOptions> Extension(Command serve);

    public static Command Create(params Extension[] extensions)
    {
        var kubeconfig = new Option<FileInfo>("--kubeconfig") { Description = "Where to write the kubeconfig (admin user, HTTPS)", Required = true };
        var port = new Option<int>("--port") { Description = "HTTPS port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 0 };
        var httpPort = new Option<int>("--http-port") { Description = "Plain HTTP port on 127.0.0.1 (0 = any free port)", DefaultValueFactory = _ => 0 };
        var at = new Option<string?>("--at") { Description = "Start the simulated clock at this RFC 3339 instant, e.g. 2026-11-27T18:55:00Z" };
        var speed = new Option<double>("--speed") { Description = "Simulated seconds per real second", DefaultValueFactory = _ => 1.0 };
        var command = new Command("serve", "Run the emulated Kubernetes API server for kubectl and kubectl tarnfui") { kubeconfig, port, httpPort, at, speed };

        // Service endpoints (--service), seeding (--seed-*), the hosted webhook and sweeper plug in here: they add their
        // options to the command and turn their values into EmulatorOptions hooks.
        var appliers = extensions.Prepend(ServiceEndpointOptions.AddTo).Select(extension => extension(command)).ToList();

        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = parseResult.GetValue(at);
            var start = text is null ? null : InstantText.Parse(text);
            if (start is { Success: false } failed)
            {
                await Console.Error.WriteLineAsync($"--at must be an RFC 3339 instant such as 2026-11-27T18:55:00Z, got \"{text}\": {failed.Exception.Message}");
                return 2;
            }

            if (parseResult.GetValue(speed) is var factor && factor < 0)
            {
                await Console.Error.WriteLineAsync($"--speed must be zero or positive, got \"{factor.ToString(CultureInfo.InvariantCulture)}\"");
                return 2;
            }

            var options = new EmulatorOptions
            {
                HttpsPort = parseResult.GetValue(port),
                HttpPort = parseResult.GetValue(httpPort),
                StartTime = start?.Value,
                Speed = factor,
                // The served clock runs on by itself, so CronJob schedules are checked every second of real time.
                ConfigureServices = services => services.AddSingleton(new ControllerOptions { ScheduleTickPeriod = TimeSpan.FromSeconds(1) }),
            };
            EmulatorServer server;
            try
            {
                options = appliers.Aggregate(options, (current, apply) => apply(parseResult, current));
                server = await EmulatorServer.StartAsync(options, cancellationToken);
            }
            catch (Exception e) when (e is ArgumentException or OptionsValidationException)
            {
                // A bad --service or --seed-* value or a hosted application's configuration: the message names the key and the value.
                await Console.Error.WriteLineAsync(e.Message);
                return 2;
            }

            await using (server)
            {
                server.WriteKubeconfig(parseResult.GetValue(kubeconfig)!.FullName);
                Console.WriteLine($"ready {server.Url}");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // SIGINT/SIGTERM: the normal way to stop serving; disposing stops the hosted apps, then the server.
                }
            }

            return 0;
        });
        return command;
    }
}
