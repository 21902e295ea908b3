using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Tarnfui.Sweeper.Tests.Notifications;

/// <summary>
/// A webhook receiver on loopback (Kestrel, real HTTP or HTTPS) that records every request and answers from a
/// script: the n-th request gets the n-th answer (the last one repeats). An answer of <see cref="Hang"/> holds the
/// request until <see cref="Release"/>, and <see cref="Holding"/> is completed the moment one is held.
/// </summary>
internal sealed class Receiver : IAsyncDisposable
{
    public const int Hang = -1;

    private readonly WebApplication _app;
    private readonly int[] _answers;
    private readonly TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _count;

    private Receiver(WebApplication app, int[] answers)
    {
        _app = app;
        _answers = answers;
    }

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Completed when a request is being held by a <see cref="Hang"/> answer.</summary>
    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string Url => _app.Urls.First();

    public static async Task<Receiver> StartAsync(X509Certificate2? certificate = null, params int[] answers)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, 0, listen =>
        {
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        }));
        var app = builder.Build();
        var receiver = new Receiver(app, answers.Length == 0 ? [200] : answers);
        app.Run(receiver.AnswerAsync);
        await app.StartAsync();
        return receiver;
    }

    public void Release() => _release.TrySetResult();

    public async ValueTask DisposeAsync()
    {
        Release();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task AnswerAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var n = Interlocked.Increment(ref _count);
        Requests.Enqueue(new ReceivedRequest(
            context.Request.Path + context.Request.QueryString,
            context.Request.ContentType ?? "",
            context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase),
            body));
        var answer = _answers[Math.Min(n, _answers.Length) - 1];
        if (answer == Hang)
        {
            Holding.TrySetResult();
            await _release.Task.WaitAsync(context.RequestAborted);
            answer = 200;
        }

        context.Response.StatusCode = answer;
    }
}
