using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using NodaTime.Testing;
using Tarnfui.Testing;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Namespaces;
using Tarnfui.Webhook.Tests.Support;

namespace Tarnfui.Webhook.Tests.Http;

/// <summary>
/// What a large body, or many at once, gets: a body over 7 MiB is 413 before it is read; a body that does not fit
/// beside those being read (8 MiB in all) is 429 with Retry-After before it is read; ordinary reviews go on being
/// answered. Never 500, never a queue.
/// </summary>
public sealed class BodyLimitTests : IAsyncLifetime, IDisposable
{
    private const long MiB = 1024 * 1024;
    private static readonly string Fixture = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "deployment-scale-up.json"));
    private readonly TestCertificates _certificates = new();
    private RealWebhook _webhook = null!;

    public async Task InitializeAsync()
    {
        _certificates.WriteServing("tarnfui-webhook.tarnfui.svc");
        _webhook = await RealWebhook.StartAsync(_certificates);
    }

    public async Task DisposeAsync() => await _webhook.DisposeAsync();

    public void Dispose() => _certificates.Dispose();

    [Fact]
    public async Task Large_bodies_beyond_the_budget_are_refused_while_one_is_read_and_small_ones_are_answered()
    {
        var budget = new BodyBudget(AdmissionEndpoints.MaxInFlightBodyBytes);
        var handler = Handler();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // A review of the largest size whose bytes have not arrived yet: it holds its share of the budget meanwhile.
        var large = MutateAsync(Request(7 * MiB, new GatedStream(Encoding.UTF8.GetBytes(Fixture), gate.Task)), handler, budget);
        large.IsCompleted.ShouldBeFalse();
        budget.InFlight.ShouldBe(7 * MiB);

        var another = await MutateAsync(Request(2 * MiB, new MemoryStream()), handler, budget);
        var ordinary = await MutateAsync(Request(Fixture.Length, new MemoryStream(Encoding.UTF8.GetBytes(Fixture))), handler, budget);

        another.ShouldBeOfType<ProblemHttpResult>().StatusCode.ShouldBe(StatusCodes.Status429TooManyRequests);
        ordinary.ShouldBeOfType<AdmissionReviewResult>().Value!.Response!.Allowed.ShouldBeTrue();

        gate.SetResult();
        (await large).ShouldBeOfType<AdmissionReviewResult>();
        budget.InFlight.ShouldBe(0);
    }

    [Fact]
    public async Task No_room_in_the_budget_is_429_with_retry_after_on_the_wire()
    {
        var budget = _webhook.Services.GetRequiredService<BodyBudget>();
        using var client = _certificates.Client();
        budget.TryReserve(budget.Capacity).ShouldBeTrue("the test holds the whole budget, as bodies being read would");
        try
        {
            using var refused = await client.PostAsync(_webhook.Mutate, new StringContent(Fixture, Encoding.UTF8, "application/json"));

            refused.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
            refused.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(1));
            JsonNode.Parse(await refused.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>().ShouldContain("does not fit");
        }
        finally
        {
            budget.Release(budget.Capacity);
        }

        using var answered = await client.PostAsync(_webhook.Mutate, new StringContent(Fixture, Encoding.UTF8, "application/json"));
        answered.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_declared_length_over_the_limit_is_413_before_the_body_is_read()
    {
        // With Expect: 100-continue the body is sent only once the server reads it: a 413 proves it never did.
        using var client = _certificates.Client(configure: handler => handler.Expect100ContinueTimeout = TimeSpan.FromSeconds(20));
        using var request = new HttpRequestMessage(HttpMethod.Post, _webhook.Mutate)
        {
            Content = new ByteArrayContent(new byte[(7 * MiB) + 1]) { Headers = { ContentType = new("application/json") } },
            Headers = { ExpectContinue = true },
        };

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        JsonNode.Parse(await response.Content.ReadAsStringAsync())!["detail"]!.GetValue<string>().ShouldBe($"body of {(7 * MiB) + 1} bytes exceeds the limit of {7 * MiB} bytes");
    }

    [Fact]
    public async Task A_chunked_body_that_grows_over_the_limit_is_413_not_400()
    {
        var budget = new BodyBudget(AdmissionEndpoints.MaxInFlightBodyBytes);
        var handler = Handler();
        var request = Request(7 * MiB, new OverLimitStream());
        request.ContentLength = null;

        var result = await MutateAsync(request, handler, budget);

        result.ShouldBeOfType<ProblemHttpResult>().StatusCode.ShouldBe(StatusCodes.Status413PayloadTooLarge);
        budget.InFlight.ShouldBe(0);
    }

    private static HttpRequest Request(long length, Stream body)
    {
        var context = new DefaultHttpContext();
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = length;
        context.Request.Body = body;
        return context.Request;
    }

    private static AdmissionHandler Handler() =>
        new(Policies.Settings(), new NamespaceCache(), new FakeParents(), new FakeClock(Policies.OffHours), new Metrics(), NullLogger<AdmissionHandler>.Instance);

    private static async Task<IResult> MutateAsync(HttpRequest request, AdmissionHandler handler, BodyBudget budget) =>
        (await AdmissionEndpoints.MutateAsync(request, handler, budget, new Metrics(), NullLogger<AdmissionHandler>.Instance, CancellationToken.None)).Result;

    /// <summary>A body whose bytes arrive once <c>gate</c> completes.</summary>
    private sealed class GatedStream(byte[] bytes, Task gate) : MemoryStream(bytes)
    {
        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            await gate.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken);
            return await base.ReadAsync(buffer, cancellationToken);
        }
    }

    /// <summary>What Kestrel's body stream does once a body of unknown length passes <c>MaxRequestBodySize</c>.</summary>
    private sealed class OverLimitStream : MemoryStream
    {
        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            throw new BadHttpRequestException("Request body too large.", StatusCodes.Status413PayloadTooLarge);
    }
}
