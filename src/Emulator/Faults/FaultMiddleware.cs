using Microsoft.AspNetCore.Http.Features;
using Tarnfui.Emulator.Accounting;

namespace Tarnfui.Emulator.Faults;

/// <summary>
/// Applies the <see cref="FaultInjector"/>'s plan to API requests; <c>/sandbox/…</c> routes are never faulted.
/// Runs inside accounting, so faulted requests are counted with the code the client saw.
/// </summary>
public sealed class FaultMiddleware(RequestDelegate next, FaultInjector injector, Func<HttpContext, string> identify)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.StartsWithSegments(RequestAccountingMiddleware.InternalPrefix))
        {
            await next(context);
            return;
        }

        var info = RequestInfo.From(context.Request);
        var user = identify(context);
        var plan = injector.Plan(info, user);
        if (plan.Latency > TimeSpan.Zero)
        {
            await Task.Delay(plan.Latency, context.RequestAborted);
        }

        switch (plan.Fault?.Kind)
        {
            case null:
            case FaultKind.Latency:
                await next(context);
                return;
            case FaultKind.DropConnection:
                await DropAsync(context, plan.Fault);
                return;
            case FaultKind.WatchCut:
                await CutWatchAsync(context, plan.Fault.WatchEvents);
                return;
            default:
                // Status faults read the body first, as a server that rejects after decoding does.
                await context.Request.Body.CopyToAsync(Stream.Null, context.RequestAborted);
                await StatusResponse.WriteAsync(context, plan.Fault, new RequestInfoView(info.Group, info.Resource, info.Name, info.Verb, info.Namespace, user));
                return;
        }
    }

    private async Task DropAsync(HttpContext context, FaultRule fault)
    {
        if (fault.AfterProcessing)
        {
            // The request takes effect; its response is lost on the way back, like a connection reset after commit.
            var original = context.Features.Get<IHttpResponseBodyFeature>()!;
            context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(Stream.Null, original));
            try
            {
                await next(context);
            }
            finally
            {
                context.Features.Set(original);
            }
        }

        context.Abort();
    }

    private async Task CutWatchAsync(HttpContext context, int events)
    {
        using var cut = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var counting = new EventCountingStream(original.Stream, events, cut);
        context.Features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(counting, original));
        // The watch handler stops on RequestAborted; cancelling it after N events ends the stream cleanly,
        // as a server-side watch timeout does.
        var aborted = context.RequestAborted;
        context.RequestAborted = cut.Token;
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (cut.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
        }
        finally
        {
            context.Features.Set(original);
            context.RequestAborted = aborted;
        }
    }

    /// <summary>Counts watch events (one JSON object per line) and stops the stream after the last allowed one.</summary>
    private sealed class EventCountingStream(Stream inner, int limit, CancellationTokenSource cut) : Stream
    {
        private int _events;

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => cut.IsCancellationRequested ? Task.CompletedTask : inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (cut.IsCancellationRequested)
            {
                // The rest of a flush that held more events than allowed (the pipe writes it segment by segment) is
                // dropped: the stream ends cleanly after the last allowed event, as a server-side timeout ends it.
                return;
            }

            var span = buffer.Span;
            var take = buffer.Length;
            for (var i = 0; i < span.Length; i++)
            {
                if (span[i] == (byte)'\n' && ++_events >= limit)
                {
                    take = i + 1;
                    break;
                }
            }

            await inner.WriteAsync(buffer[..take], cancellationToken);
            if (_events >= limit)
            {
                await inner.FlushAsync(cancellationToken);
                await cut.CancelAsync();
            }
        }
    }
}
