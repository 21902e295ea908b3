using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Tarnfui.Sandbox.Serve;

/// <summary>
/// The receiver behind <c>sandbox serve --notify-to-log</c>: a webhook endpoint on loopback to which the hosted sweeper
/// delivers its notifications through its real sender (queue, retries, formats), and which writes each body it gets
/// to standard error, one line each, beside the sweeper's own log lines. It answers 204, as a receiver does.
/// </summary>
internal sealed class NotificationLogReceiver : IAsyncDisposable
{
    /// <summary>The target name the hosted sweeper is given for it.</summary>
    public const string TargetName = "log";

    private readonly WebApplication _app;

    private NotificationLogReceiver(WebApplication app) => _app = app;

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static Task<NotificationLogReceiver> StartAsync(TextWriter output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        return StartAsync((contentType, body) => output.WriteLineAsync($"tarnfui notification ({contentType}): {body}"), cancellationToken);
    }

    /// <summary>Starts a receiver that hands each body it gets, with its content type, to <paramref name="received"/>.</summary>
    public static async Task<NotificationLogReceiver> StartAsync(Func<string?, string, Task> received, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        app.MapPost("/", async (HttpContext context) =>
        {
            using var reader = new StreamReader(context.Request.Body);
            var body = await reader.ReadToEndAsync(context.RequestAborted);
            await received(context.Request.ContentType, body);
            return Results.NoContent();
        });
        await app.StartAsync(cancellationToken);
        return new NotificationLogReceiver(app);
    }

    /// <summary>The sweeper settings that make it the one notification target, in <paramref name="format"/>.</summary>
    public IEnumerable<KeyValuePair<string, string>> SweeperSettings(string format) =>
    [
        new("Notifications:Targets:0:Name", TargetName),
        new("Notifications:Targets:0:Url", Url.ToString()),
        new("Notifications:Targets:0:Format", format),
    ];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
