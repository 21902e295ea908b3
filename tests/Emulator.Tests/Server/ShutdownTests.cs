using System.Diagnostics;

using Tarnfui.Emulator.Server;

namespace Tarnfui.Emulator.Tests.Server;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_server_ends_open_watch_streams_instead_of_waiting_out_the_shutdown_timeout()
    {
        var server = await EmulatorServer.StartAsync(new EmulatorOptions());
        using var client = new HttpClient { BaseAddress = server.HttpUrl, Timeout = Timeout.InfiniteTimeSpan };
        using var response = await client.GetAsync("/api/v1/namespaces?watch=true", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var reader = new StreamReader(stream);
        (await reader.ReadLineAsync()).ShouldNotBeNull("the watch replays the existing namespaces first");

        var stopping = Stopwatch.StartNew();
        await server.DisposeAsync();

        // The host's shutdown timeout is 30 s: a server that waited for the stream would take all of it.
        stopping.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(20));
        var rest = await ReadToEndOrResetAsync(reader).WaitAsync(TimeSpan.FromSeconds(20));
        rest.ShouldNotContain("ERROR");
    }

    private static async Task<string> ReadToEndOrResetAsync(StreamReader reader)
    {
        try
        {
            return await reader.ReadToEndAsync();
        }
        catch (IOException)
        {
            return "";
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }
}
