using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Testing;

namespace Tarnfui.Cli.Tests.Dashboard;

/// <summary>A reader of a dashboard's <c>/events</c> stream, as a browser's EventSource would read it.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public static async Task<EventStream> OpenAsync(HttpClient http)
    {
        var response = await http.GetAsync(new Uri("/events", UriKind.Relative), HttpCompletionOption.ResponseHeadersRead);
        response.EnsureSuccessStatusCode();
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/event-stream");
        return new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
    }

    /// <summary>The next event's version and cluster time; the bound only ends a test that would otherwise hang.</summary>
    public async Task<(long Version, Instant Now)> NextAsync()
    {
        using var bound = new CancellationTokenSource(Eventually.Bound);
        while (await _reader.ReadLineAsync(bound.Token) is { } line)
        {
            if (line.StartsWith("data: ", StringComparison.Ordinal))
            {
                var data = JsonNode.Parse(line["data: ".Length..])!;
                return (data["version"]!.GetValue<long>(), InstantPattern.General.Parse(data["now"]!.GetValue<string>()).Value);
            }
        }

        throw new InvalidOperationException("the event stream ended");
    }

    /// <summary>Reads events until one satisfies <paramref name="condition"/>.</summary>
    public async Task<(long Version, Instant Now)> UntilAsync(Func<(long Version, Instant Now), bool> condition)
    {
        while (true)
        {
            var next = await NextAsync();
            if (condition(next))
            {
                return next;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
