using System.CommandLine;
using Tarnfui.Core.Policy;
using Tarnfui.Emulator.Server;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Webhook;

namespace Tarnfui.Sandbox.InProcess;

/// <summary>
/// The Tarnfui options of <c>sandbox serve</c>: unless <c>--no-tarnfui</c>, the real webhook (registered through the
/// shipped MutatingWebhookConfiguration) and the real sweeper run in the process once the server accepts requests,
/// both on the sandbox's simulated clock, so <c>--at</c>, <c>--speed</c> and <c>POST /sandbox/clock</c> move their time too.
/// </summary>
public static class HostedTarnfuiOptions
{
    // The sweeper's own default is 30 s; a person watching a serve session wants to see the effect of a clock jump sooner.
    public const string DefaultSweepInterval = "5s";

    public static Func<ParseResult, EmulatorOptions, EmulatorOptions> AddTo(Command serve)
    {
        ArgumentNullException.ThrowIfNull(serve);
        var off = new Option<bool>("--no-tarnfui") { Description = "Serve the emulated cluster alone, without the hosted webhook and sweeper" };
        var interval = new Option<string>("--sweep-interval")
        {
            Description = "Real time between the starts of two sweeps of the hosted sweeper (250ms, 5s, 1m)",
            DefaultValueFactory = _ => DefaultSweepInterval,
        };
        var zone = new Option<string?>("--time-zone") { Description = "Schedule:TimeZone of the hosted webhook and sweeper, a tzdb id (default UTC)" };
        var mode = new Option<string?>("--webhook-mode") { Description = "Webhook:Mode: zero (default), deny or warn" };
        var settings = new Option<string[]>("--tarnfui-setting")
        {
            Description = "KEY=VALUE configuration for both hosted applications, e.g. \"Schedule:Uptime=Mon-Fri 08:00-18:00\" (repeatable)",
            AllowMultipleArgumentsPerToken = false,
        };
        var notify = new Option<string?>("--notify-to-log")
        {
            Description = "Deliver the hosted sweeper's notifications to a receiver that prints them on stderr, in this format: cloudevents or slack",
            Arity = ArgumentArity.ZeroOrOne,
        };
        serve.Add(notify);
        serve.Add(off);
        serve.Add(interval);
        serve.Add(zone);
        serve.Add(mode);
        serve.Add(settings);

        return (result, options) =>
        {
            if (result.GetValue(off))
            {
                return options;
            }

            var shared = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var setting in result.GetValue(settings) ?? [])
            {
                var equals = setting.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0)
                {
                    throw new ArgumentException($"--tarnfui-setting must be KEY=VALUE, e.g. \"Schedule:TimeZone=Europe/Paris\", got \"{setting}\"");
                }

                shared[setting[..equals].Trim()] = setting[(equals + 1)..];
            }

            if (result.GetValue(zone) is { } timeZone)
            {
                shared[$"{ScheduleOptions.Section}:{nameof(ScheduleOptions.TimeZone)}"] = timeZone;
            }

            var webhookSettings = new Dictionary<string, string>(shared, StringComparer.OrdinalIgnoreCase)
            {
                // Refusals and patches are what a person exploring wants to see, on stderr next to the sweeper's actions.
                ["Logging:LogLevel:Tarnfui"] = "Information",
            };
            if (result.GetValue(mode) is { } webhookMode)
            {
                webhookSettings[$"{WebhookOptions.Section}:{nameof(WebhookOptions.Mode)}"] = webhookMode;
            }

            var sweeperSettings = new Dictionary<string, string>(shared, StringComparer.OrdinalIgnoreCase)
            {
                [$"{SweeperOptions.Section}:{nameof(SweeperOptions.Interval)}"] = result.GetValue(interval)!,
            };

            return options with
            {
                Attachments =
                [
                    .. options.Attachments,
                    async (server, cancellationToken) =>
                    {
                        var webhook = await HostedWebhook.StartAsync(server, webhookSettings, cancellationToken);
                        await webhook.WaitUntilReadyAsync(TimeSpan.FromSeconds(30), cancellationToken);
                        await Console.Error.WriteLineAsync($"tarnfui webhook: {webhook.MutateUrl} (registered as {Core.WellKnown.Objects.WebhookConfiguration}), probes and metrics on {webhook.ProbeUrl}");
                        return webhook;
                    },
                    async (server, cancellationToken) =>
                    {
                        // Started before the sweeper, disposed after it (attachments go in reverse): no message is sent to a receiver that is gone.
                        if (result.GetResult(notify) is null)
                        {
                            return NoReceiver.Instance;
                        }

                        var receiver = await Serve.NotificationLogReceiver.StartAsync(Console.Error, cancellationToken);
                        foreach (var (key, value) in receiver.SweeperSettings(result.GetValue(notify) ?? Sweeper.Notifications.NotificationFormats.CloudEvents))
                        {
                            sweeperSettings[key] = value;
                        }

                        await Console.Error.WriteLineAsync($"tarnfui notifications: printed here as the receiver {receiver.Url} gets them");
                        return receiver;
                    },
                    async (server, cancellationToken) =>
                    {
                        var sweeper = await HostedSweeper.StartAsync(server, sweeperSettings.Select(s => $"--{s.Key}={s.Value}"), cancellationToken);
                        await Console.Error.WriteLineAsync($"tarnfui sweeper: every {result.GetValue(interval)} of real time, probes and metrics on {sweeper.ProbeUrl}");
                        return sweeper;
                    },
                ],
            };
        };
    }

    private sealed class NoReceiver : IAsyncDisposable
    {
        public static readonly NoReceiver Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
