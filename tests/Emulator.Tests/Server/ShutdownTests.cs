using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Tarnfui.Emulator.Server;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Server;

public sealed class ShutdownTests
{
    [Fact]
    public async Task Stopping_the_server_ends_open_watch_streams_instead_of_waiting_out_the_shutdown_timeout()
    {
        // No shutdown timeout: a server that waited for the stream to end by itself would never finish stopping.
        var server = await EmulatorServer.StartAsync(new EmulatorOptions
        {
            ConfigureServices = services => services.Configure<HostOptions>(host => host.ShutdownTimeout = Timeout.InfiniteTimeSpan),
        });
        using var client = new HttpClient { BaseAddress = server.HttpUrl, Timeout = Timeout.InfiniteTimeSpan };
        using var response = await client.GetAsync("/api/v1/namespaces?watch=true", HttpCompletionOption.ResponseHeadersRead);
        await using var stream = await response.Content.ReadAsStreamAsync();
        var reader = new StreamReader(stream);
        (await reader.ReadLineAsync()).ShouldNotBeNull("the watch replays the existing namespaces first");

        // The bound only ends a broken test: stopping completes because the server ends the stream itself.
        await server.DisposeAsync().AsTask().WaitAsync(Eventually.Bound);
        var rest = await ReadToEndOrResetAsync(reader).WaitAsync(Eventually.Bound);
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
