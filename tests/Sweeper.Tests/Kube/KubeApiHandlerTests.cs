using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Kube;

namespace Tarnfui.Sweeper.Tests.Kube;

public class KubeApiHandlerTests
{
    private static readonly Uri Deployment = new("https://127.0.0.1/apis/apps/v1/namespaces/shop/deployments/api");

    [Fact]
    public async Task Too_many_requests_is_retried_after_the_server_says()
    {
        var server = new ScriptedServer(Respond(HttpStatusCode.TooManyRequests, retryAfterSeconds: 1), Respond(HttpStatusCode.OK));
        var (client, metrics) = Client(server);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Deployment));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Requests.Count.ShouldBe(2);
        (server.Requests[1].At - server.Requests[0].At).ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(900), "Retry-After: 1 is honoured");
        metrics.KubeApiRequests.WithLabels("get", "deployments", "429").Value.ShouldBe(1);
        metrics.KubeApiRequests.WithLabels("get", "deployments", "200").Value.ShouldBe(1);
    }

    [Fact]
    public async Task Server_errors_and_dropped_connections_are_retried_with_the_body_sent_again()
    {
        var server = new ScriptedServer(_ => throw new HttpRequestException("connection reset"), Respond(HttpStatusCode.ServiceUnavailable), Respond(HttpStatusCode.OK));
        var (client, _) = Client(server);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, Deployment) { Content = new StringContent("[{\"op\":\"test\"}]") });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Requests.Select(r => r.Body).ShouldBe(["[{\"op\":\"test\"}]", "[{\"op\":\"test\"}]", "[{\"op\":\"test\"}]"]);
    }

    [Fact]
    public async Task Retries_are_bounded()
    {
        var server = new ScriptedServer(Enumerable.Repeat(Respond(HttpStatusCode.InternalServerError), 10).ToArray());
        var (client, _) = Client(server, maxAttempts: 3);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Get, Deployment));

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        server.Requests.Count.ShouldBe(3);
    }

    [Theory]
    [InlineData(HttpStatusCode.Conflict)]
    [InlineData(HttpStatusCode.UnprocessableEntity)]
    [InlineData(HttpStatusCode.NotFound)]
    [InlineData(HttpStatusCode.Forbidden)]
    public async Task Answers_that_a_retry_cannot_change_are_returned_at_once(HttpStatusCode code)
    {
        var server = new ScriptedServer(Respond(code), Respond(HttpStatusCode.OK));
        var (client, _) = Client(server);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, Deployment) { Content = new StringContent("[]") });

        response.StatusCode.ShouldBe(code);
        server.Requests.Count.ShouldBe(1);
    }

    private static (HttpClient Client, Metrics Metrics) Client(HttpMessageHandler inner, int maxAttempts = 6)
    {
        var metrics = new Metrics();
        var options = Options.Create(new SweeperOptions { RetryBackoff = "10ms", MaxAttempts = maxAttempts, Qps = 1000, Burst = 1000 });
        var handler = new KubeApiHandler(options, metrics, NullLogger<KubeApiHandler>.Instance) { InnerHandler = inner };
        return (new HttpClient(handler), metrics);
    }

    private static Func<HttpRequestMessage, HttpResponseMessage> Respond(HttpStatusCode code, int? retryAfterSeconds = null) => _ =>
    {
        var response = new HttpResponseMessage(code) { Content = new StringContent("{}") };
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        return response;
    };

    private sealed class ScriptedServer(params Func<HttpRequestMessage, HttpResponseMessage>[] script) : HttpMessageHandler
    {
        public List<(DateTimeOffset At, string? Body)> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add((DateTimeOffset.UtcNow, body));
            return script[Math.Min(Requests.Count - 1, script.Length - 1)](request);
        }
    }
}
