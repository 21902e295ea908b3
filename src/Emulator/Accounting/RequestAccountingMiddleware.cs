using Microsoft.AspNetCore.Http.Features;

namespace Tarnfui.Emulator.Accounting;

/// <summary>
/// Counts every API request into <see cref="RequestStats"/>: numbered as it arrives (a watch also shown open from the
/// start of its stream) and recorded after it, so status code, response bytes and the identity the authentication step
/// established are known. Sandbox-internal routes
/// (<c>/sandbox/…</c>) are not counted: they are the test harness, not API cost.
/// </summary>
public sealed class RequestAccountingMiddleware(RequestDelegate next, RequestStats stats, Func<HttpContext, string> identify)
{
    public const string InternalPrefix = "/sandbox";

    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.Path.StartsWithSegments(InternalPrefix))
        {
            await next(context);
            return;
        }

        var sequence = stats.Arrive();
        var info = RequestInfo.From(context.Request);
        var method = context.Request.Method;
        var path = context.Request.Path.Value ?? "/";
        var query = context.Request.QueryString.Value ?? "";
        var original = context.Features.Get<IHttpResponseBodyFeature>()!;
        var counting = new CountingStream(original.Stream);
        var feature = new StreamResponseBodyFeature(counting, original);
        context.Features.Set<IHttpResponseBodyFeature>(feature);
        var ended = false;
        if (info.Verb == "watch")
        {
            context.Response.OnStarting(() =>
            {
                // A response the server writes after this middleware has returned (an unhandled exception's 500) has ended already.
                if (!ended)
                {
                    stats.Begin(sequence, info, method, path, query, identify(context), context.Response.StatusCode);
                }

                return Task.CompletedTask;
            });
        }

        try
        {
            await next(context);
            await feature.CompleteAsync();
        }
        finally
        {
            context.Features.Set(original);
            ended = true;
            stats.Record(sequence, info, method, path, query, identify(context), context.Response.StatusCode, counting.Written);
        }
    }

    /// <summary>Passes writes through and counts their bytes.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long Written { get; private set; }

        public override bool CanRead => false;
        public override bool CanSeek => false;
        public override bool CanWrite => true;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush() => inner.Flush();

        public override Task FlushAsync(CancellationToken cancellationToken) => inner.FlushAsync(cancellationToken);

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count)
        {
            inner.Write(buffer, offset, count);
            Written += count;
        }

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await inner.WriteAsync(buffer, cancellationToken);
            Written += buffer.Length;
        }

        public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();
    }
}
