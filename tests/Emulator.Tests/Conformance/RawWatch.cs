using System.Text.Json;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>One event of a watch stream as it was on the wire.</summary>
public sealed record WireEvent(string Type, JsonElement Body)
{
    public string Kind => Body.GetProperty("kind").GetString()!;

    public JsonElement Metadata => Body.GetProperty("metadata");

    public string? Name => Metadata.TryGetProperty("name", out var name) ? name.GetString() : null;

    public long ResourceVersion => long.Parse(Metadata.GetProperty("resourceVersion").GetString()!, System.Globalization.CultureInfo.InvariantCulture);

    public string? Label(string key) =>
        Metadata.TryGetProperty("labels", out var labels) && labels.TryGetProperty(key, out var value) ? value.GetString() : null;

    public override string ToString() => $"{Type} {Kind} {Name} rv={Metadata.GetProperty("resourceVersion")}";
}

/// <summary>
/// A watch read line by line over plain loopback HTTP, as any client sees it: the event types and objects exactly as
/// sent, with no client library between them and the test.
/// </summary>
public sealed class RawWatch : IAsyncDisposable
{
    /// <summary>What a metadata-only client (client-go's metadata informer, the sweeper) asks for.</summary>
    public const string MetadataAccept = "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json";

    /// <summary>What kubectl asks for with <c>get --watch</c>.</summary>
    public const string TableAccept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";

    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(60);
    private readonly HttpClient _http;
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;
    private readonly CancellationTokenSource _cancellation = new(Bound);

    private RawWatch(HttpClient http, HttpResponseMessage response, StreamReader reader)
    {
        _http = http;
        _response = response;
        _reader = reader;
    }

    /// <param name="baseUrl">The server's plain HTTP address.</param>
    /// <param name="path">The collection, e.g. <c>/apis/apps/v1/namespaces/x/deployments</c>.</param>
    /// <param name="query">Parameters besides <c>watch=true</c>, e.g. <c>labelSelector=a%3Db</c>.</param>
    /// <param name="accept">The Accept header; null for plain JSON.</param>
    public static async Task<RawWatch> OpenAsync(Uri baseUrl, string path, string query, string? accept = null)
    {
        var http = new HttpClient { BaseAddress = baseUrl, Timeout = Timeout.InfiniteTimeSpan };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{path}?watch=true&{query}");
        request.Headers.TryAddWithoutValidation("Accept", accept ?? "application/json");
        var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        var reader = new StreamReader(await response.Content.ReadAsStreamAsync());
        return new RawWatch(http, response, reader);
    }

    /// <summary>The next event; fails (after a bound that only ends a hung test) when none comes.</summary>
    public async Task<WireEvent> NextAsync()
    {
        var line = await _reader.ReadLineAsync(_cancellation.Token) ?? throw new EndOfStreamException("the server closed the watch");
        using var document = JsonDocument.Parse(line);
        return new WireEvent(document.RootElement.GetProperty("type").GetString()!, document.RootElement.GetProperty("object").Clone());
    }

    /// <summary>The next <paramref name="count"/> events.</summary>
    public async Task<List<WireEvent>> NextAsync(int count)
    {
        var events = new List<WireEvent>();
        while (events.Count < count)
        {
            events.Add(await NextAsync());
        }

        return events;
    }

    public async ValueTask DisposeAsync()
    {
        await _cancellation.CancelAsync();
        _reader.Dispose();
        _response.Dispose();
        _http.Dispose();
        _cancellation.Dispose();
    }
}
