using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Tarnfui.Bench.Scenarios.Notifications;

/// <summary>A notification receiver on loopback that accepts each request and never answers it, until disposed.</summary>
internal sealed class HangingReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly CancellationTokenSource _release = new();
    private readonly TaskCompletionSource _first = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _held;

    private HangingReceiver(WebApplication app) => _app = app;

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    /// <summary>Requests it has received (and holds).</summary>
    public int Held => Volatile.Read(ref _held);

    /// <summary>Completes when it holds its first request.</summary>
    public Task FirstHeld => _first.Task;

    public static async Task<HangingReceiver> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var receiver = new HangingReceiver(app);
        app.MapPost("/", async (HttpContext context) =>
        {
            Interlocked.Increment(ref receiver._held);
            receiver._first.TrySetResult();
            using var both = CancellationTokenSource.CreateLinkedTokenSource(receiver._release.Token, context.RequestAborted);
            var released = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            await using (both.Token.Register(() => released.TrySetResult()))
            {
                await released.Task;
            }

            return Results.StatusCode(503);
        });
        await app.StartAsync(cancellationToken);
        return receiver;
    }

    public async ValueTask DisposeAsync()
    {
        await _release.CancelAsync();
        await _app.StopAsync();
        await _app.DisposeAsync();
        _release.Dispose();
    }
}
