using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Tarnfui.Sweeper.Configuration;
using Tarnfui.Sweeper.Hosting;
using Tarnfui.Sweeper.Kube;
using Tarnfui.Sweeper.Tests.Hosting;

namespace Tarnfui.Sweeper.Tests.Kube;

public class KubeApiHandlerTests
{
    private static readonly Uri Deployment = new("https://127.0.0.1/apis/apps/v1/namespaces/shop/deployments/api");
    private static readonly Uri Lease = new("https://127.0.0.1/apis/coordination.k8s.io/v1/namespaces/tarnfui/leases/tarnfui-sweeper");

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

    [Fact]
    public async Task A_write_is_not_resent_once_the_Lease_has_gone_unrenewed_past_the_deadline()
    {
        var (fence, time, metrics, _) = LeadershipFenceTests.Fence();
        fence.Renewed(time.GetTimestamp());
        var server = new ScriptedServer(request =>
        {
            // The process is paused while the first attempt is out: on resuming, the renewal is too old.
            time.Advance(TimeSpan.FromSeconds(11));
            return Respond(HttpStatusCode.ServiceUnavailable)(request);
        }, Respond(HttpStatusCode.OK));
        var (client, _) = Client(server, fence: fence);

        await Should.ThrowAsync<LeadershipLostException>(client.SendAsync(new HttpRequestMessage(HttpMethod.Patch, Deployment) { Content = new StringContent("[]") }));

        server.Requests.Count.ShouldBe(1);
        metrics.FencedWrites.WithLabels(LeadershipFence.Retry).Value.ShouldBe(1);
    }

    [Fact]
    public async Task A_Lease_write_is_retried_whatever_the_fence_says_since_only_a_renewal_can_reopen_it()
    {
        var (fence, _, _, _) = LeadershipFenceTests.Fence();
        var server = new ScriptedServer(Respond(HttpStatusCode.ServiceUnavailable), Respond(HttpStatusCode.OK));
        var (client, _) = Client(server, fence: fence);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Put, Lease) { Content = new StringContent("{}") });

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Requests.Count.ShouldBe(2);
    }

    private static (HttpClient Client, Metrics Metrics) Client(HttpMessageHandler inner, int maxAttempts = 6, LeadershipFence? fence = null)
    {
        var metrics = new Metrics();
        var options = Options.Create(new SweeperOptions { RetryBackoff = TimeSpan.FromMilliseconds(10), MaxAttempts = maxAttempts, Qps = 1000, Burst = 1000 });
        var handler = new KubeApiHandler(options, metrics, NullLogger<KubeApiHandler>.Instance, fence) { InnerHandler = inner };
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
