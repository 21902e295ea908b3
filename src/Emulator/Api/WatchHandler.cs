using System.Buffers;
using System.Globalization;
using System.Text.Json;
using NodaTime;
using Tarnfui.Emulator.Api.Tables;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Api;

/// <summary>
/// WATCH (<c>?watch=true</c> or <c>watch=1</c>): a chunked stream of newline-delimited
/// <c>{"type":"ADDED|MODIFIED|DELETED|BOOKMARK","object":…}</c>. From a resourceVersion the history after it is
/// replayed first; without one (or <c>0</c>) the current objects come as ADDED. A resourceVersion older than the
/// history gets, like kube-apiserver, a 200 whose only event is an ERROR carrying a 410 Expired Status. With a label
/// or field selector an update is sent as the selection sees it (<see cref="StoreChange.Selected"/>): DELETED when the
/// object leaves it, ADDED when it enters it. The stream ends after <c>timeoutSeconds</c> (default 30 minutes, the
/// apiserver's minimum request timeout). With <c>allowWatchBookmarks=true</c> a BOOKMARK carrying the resourceVersion
/// reached comes every <see cref="Server.EmulatorOptions.WatchBookmarkInterval"/>, as the watch cache sends them, and
/// whenever <see cref="ObjectStore.SendBookmarks"/> is called. A watch of a custom resource's non-storage version
/// follows the storage version's changes and sends each object with the version asked for, as a list or get of it does.
/// </summary>
public static class WatchHandler
{
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);

    public static async Task HandleAsync(HttpContext context, ObjectStore store, RequestTarget target)
    {
        var query = ResourceEndpoints.ParseListQuery(context.Request, target.Type);
        var format = OutputFormats.FromAccept(context.Request);
        var clock = context.RequestServices.GetRequiredService<IClock>();
        var includeObject = context.Request.Query["includeObject"].ToString();
        var timeout = ParseTimeout(context.Request.Query["timeoutSeconds"].ToString());
        var fromText = context.Request.Query["resourceVersion"].ToString();
        long? from = fromText is "" or "0" ? null
            : long.TryParse(fromText, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed
            : throw StatusException.BadRequest($"invalid resource version \"{fromText}\"");

        var bookmarks = context.Request.Query["allowWatchBookmarks"].ToString() is "true" or "1" && format != OutputFormat.Table;
        Func<StoredObject, bool> selected = obj => query.LabelSelector!.Matches(obj) && query.FieldSelector!.Matches(obj);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter, StoreJson.StreamingWriterOptions);
        StoreSubscription subscription;
        try
        {
            // The objects of every served version live in the storage version, and so do their changes.
            subscription = store.Subscribe(store.Types.StorageOf(target.Type), target.Namespace, from, bookmarks);
        }
        catch (StatusException gone)
        {
            await WriteErrorAsync(context, writer, gone);
            return;
        }

        // A stopping server ends its watches at once, as kube-apiserver does on shutdown: otherwise the host waits its
        // whole shutdown timeout for streams that would run for 30 minutes.
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using (subscription)
        using (var cancellation = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping))
        {
            cancellation.CancelAfter(timeout);
            await context.Response.StartAsync(context.RequestAborted);
            await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
            var reader = subscription.Changes;
            var interval = context.RequestServices.GetService<Server.EmulatorOptions>()?.WatchBookmarkInterval ?? TimeSpan.FromMinutes(1);
            try
            {
                Task<bool>? ready = null;
                Task? tick = null;
                while (true)
                {
                    ready ??= reader.WaitToReadAsync(cancellation.Token).AsTask();
                    if (bookmarks)
                    {
                        tick ??= Task.Delay(interval, cancellation.Token);
                        if (await Task.WhenAny(ready, tick) == tick)
                        {
                            cancellation.Token.ThrowIfCancellationRequested();
                            tick = null;

                            // Through the store, so that the bookmark comes after every change it claims.
                            subscription.RequestBookmark();
                            continue;
                        }
                    }

                    if (!await ready)
                    {
                        break;
                    }

                    ready = null;
                    while (reader.TryRead(out var change))
                    {
                        if (change.Type == StoreChangeType.Bookmark)
                        {
                            WriteBookmark(writer, context, target.Type, format, change.ResourceVersion);
                        }
                        else if (change.Selected(selected) is { } seen)
                        {
                            WriteEvent(writer, context, Crds.ServedVersion.Of(seen.Item, target.Type), seen, format, includeObject, clock);
                        }
                    }

                    await context.Response.BodyWriter.FlushAsync(cancellation.Token);
                }

                await reader.Completion;
            }
            catch (OperationCanceledException)
            {
                // timeoutSeconds elapsed or the client went away: a watch ends by closing the stream.
            }
            catch (StatusException cutOff)
            {
                await WriteErrorAsync(context, writer, cutOff);
            }
        }
    }

    // The object is the change's item in the version the watch asked for.
    private static void WriteEvent(Utf8JsonWriter writer, HttpContext context, StoredObject item, StoreChange change, OutputFormat format, string includeObject, IClock clock)
    {
        writer.Reset();
        writer.WriteStartObject();
        writer.WriteString("type", change.WireType);
        writer.WritePropertyName("object");
        switch (format)
        {
            case OutputFormat.Metadata:
                ApiResponses.WritePartialObjectMetadata(writer, item);
                break;
            case OutputFormat.Table:
                TableWriter.Write(writer, item.Type, [item], clock.GetCurrentInstant(), includeObject, change.ResourceVersion, null);
                break;
            default:
                writer.WriteRawValue(item.Json.Span, skipInputValidation: true);
                break;
        }

        writer.WriteEndObject();
        writer.Flush();
        context.Response.BodyWriter.Write("\n"u8);
    }

    // kube-apiserver's bookmark: an object of the watched kind carrying only the resourceVersion reached.
    private static void WriteBookmark(Utf8JsonWriter writer, HttpContext context, ResourceType type, OutputFormat format, long resourceVersion)
    {
        writer.Reset();
        writer.WriteStartObject();
        writer.WriteString("type", "BOOKMARK");
        writer.WriteStartObject("object");
        writer.WriteString("kind", format == OutputFormat.Metadata ? "PartialObjectMetadata" : type.Kind);
        writer.WriteString("apiVersion", format == OutputFormat.Metadata ? "meta.k8s.io/v1" : type.ApiVersion);
        writer.WriteStartObject("metadata");
        writer.WriteString("resourceVersion", resourceVersion.ToString(CultureInfo.InvariantCulture));
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();
        context.Response.BodyWriter.Write("\n"u8);
    }

    private static async Task WriteErrorAsync(HttpContext context, Utf8JsonWriter writer, StatusException error)
    {
        writer.Reset();
        writer.WriteStartObject();
        writer.WriteString("type", "ERROR");
        writer.WritePropertyName("object");
        ApiResponses.WriteStatus(writer, error);
        writer.WriteEndObject();
        writer.Flush();
        context.Response.BodyWriter.Write("\n"u8);
        await context.Response.BodyWriter.FlushAsync(context.RequestAborted);
    }

    private static TimeSpan ParseTimeout(string text) =>
        text.Length == 0 ? DefaultTimeout
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) ? TimeSpan.FromSeconds(seconds)
        : throw StatusException.BadRequest($"invalid timeoutSeconds \"{text}\"");
}
