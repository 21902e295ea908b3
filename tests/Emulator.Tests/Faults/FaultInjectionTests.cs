using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Emulator.Faults;
using Tarnfui.Emulator.Tests.Controllers;
using Tarnfui.Testing;

namespace Tarnfui.Emulator.Tests.Faults;

/// <summary>Each fault type as a KubernetesClient caller meets it.</summary>
[Collection("Simulation")]
public sealed class FaultInjectionTests(SimulationFixture fixture) : IDisposable
{
    private readonly FaultInjector _faults = fixture.Server.Faults;

    public void Dispose() => _faults.Clear();

    [Theory]
    [InlineData(FaultKind.TooManyRequests, HttpStatusCode.TooManyRequests, "TooManyRequests")]
    [InlineData(FaultKind.InternalError, HttpStatusCode.InternalServerError, "InternalError")]
    [InlineData(FaultKind.ServiceUnavailable, HttpStatusCode.ServiceUnavailable, "ServiceUnavailable")]
    [InlineData(FaultKind.GatewayTimeout, HttpStatusCode.GatewayTimeout, "Timeout")]
    [InlineData(FaultKind.Forbidden, HttpStatusCode.Forbidden, "Forbidden")]
    public async Task A_status_fault_is_a_status_body_with_its_code_and_reason(FaultKind kind, HttpStatusCode code, string reason)
    {
        var ns = await fixture.CreateNamespaceAsync();
        _faults.Add(new FaultRule { Kind = kind, Verbs = ["list"], Resources = ["pods"], RetryAfterSeconds = 2 });

        var error = await Should.ThrowAsync<HttpOperationException>(() => fixture.Client.CoreV1.ListNamespacedPodAsync(ns));

        error.Response.StatusCode.ShouldBe(code);
        error.Response.Content.ShouldContain($"\"reason\":\"{reason}\"");
        error.Response.Content.ShouldContain("\"kind\":\"Status\"");
        if (kind is FaultKind.TooManyRequests)
        {
            error.Response.Headers["Retry-After"].ShouldBe(["2"]);
            error.Response.Content.ShouldContain("\"retryAfterSeconds\":2");
        }
    }

    [Fact]
    public async Task A_forbidden_fault_words_its_message_as_the_RBAC_authorizer_does()
    {
        _faults.Add(new FaultRule { Kind = FaultKind.Forbidden, Verbs = ["list"], Resources = ["cronjobs"] });

        var error = await Should.ThrowAsync<HttpOperationException>(() => fixture.Client.BatchV1.ListCronJobForAllNamespacesAsync());

        error.Response.Content.ShouldContain(
            "\"message\":\"cronjobs.batch is forbidden: User \\\"kubernetes-admin\\\" cannot list resource \\\"cronjobs\\\" in API group \\\"batch\\\" at the cluster scope\"");
    }

    [Fact]
    public async Task A_conflict_storm_fails_the_first_writes_of_each_object_then_lets_them_through()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 1), ns);
        _faults.Add(new FaultRule { Kind = FaultKind.Conflict, PerObject = 2 });
        var patch = new V1Patch("""{"metadata":{"labels":{"touched":"yes"}}}""", V1Patch.PatchType.MergePatch);

        for (var attempt = 0; attempt < 2; attempt++)
        {
            var error = await Should.ThrowAsync<HttpOperationException>(() => fixture.Client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", ns));
            error.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
            error.Response.Content.ShouldContain("Operation cannot be fulfilled on deployments.apps \\\"web\\\": the object has been modified");
        }

        (await fixture.Client.AppsV1.PatchNamespacedDeploymentAsync(patch, "web", ns)).Metadata.Labels["touched"].ShouldBe("yes");
    }

    [Fact]
    public async Task Latency_delays_the_answer_without_changing_it()
    {
        var ns = await fixture.CreateNamespaceAsync();
        _faults.Add(new FaultRule { Kind = FaultKind.Latency, Verbs = ["list"], Latency = TimeSpan.FromMilliseconds(300) });

        (await fixture.Client.CoreV1.ListNamespacedPodAsync(ns)).Items.ShouldBeEmpty();

        _faults.Injected[FaultKind.Latency].ShouldBe(1);
    }

    [Fact]
    public async Task Latency_holds_the_answer_until_it_has_passed()
    {
        var ns = await fixture.CreateNamespaceAsync();
        // Longer than any test runs: once the fault is injected, the answer can only come after it.
        _faults.Add(new FaultRule { Kind = FaultKind.Latency, Verbs = ["list"], Latency = TimeSpan.FromHours(1) });
        using var caller = new CancellationTokenSource();

        var list = fixture.Client.CoreV1.ListNamespacedPodAsync(ns, cancellationToken: caller.Token);
        await Eventually.UntilAsync(() => _faults.Injected.GetValueOrDefault(FaultKind.Latency) == 1, "the list request reaches the fault");

        list.IsCompleted.ShouldBeFalse("the answer came before its latency had passed");
        await caller.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => list.WaitAsync(Eventually.Bound));
    }

    [Fact]
    public async Task A_dropped_connection_is_a_transport_error_and_the_write_did_not_happen()
    {
        var ns = await fixture.CreateNamespaceAsync();
        _faults.Add(new FaultRule { Kind = FaultKind.DropConnection, Verbs = ["create"], Resources = ["deployments"], Times = 1 });

        await Should.ThrowAsync<HttpRequestException>(() => fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 1), ns));

        fixture.Server.Store.Get(Tarnfui.Emulator.Store.ResourceTypes.Deployments, ns, "web").ShouldBeNull();
    }

    [Fact]
    public async Task A_connection_dropped_after_processing_loses_the_answer_but_not_the_write()
    {
        var ns = await fixture.CreateNamespaceAsync();
        _faults.Add(new FaultRule { Kind = FaultKind.DropConnection, Verbs = ["create"], Resources = ["deployments"], Times = 1, AfterProcessing = true });

        await Should.ThrowAsync<HttpRequestException>(() => fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 1), ns));

        fixture.Server.Store.Get(Tarnfui.Emulator.Store.ResourceTypes.Deployments, ns, "web").ShouldNotBeNull();
    }

    // With large objects the three ADDED events fill several of the response pipe's segments in one flush, so the cut
    // falls inside a flush and the rest of it must be dropped, not end the stream with a reset.
    [Theory]
    [InlineData(0)]
    [InlineData(6_000)]
    public async Task A_watch_is_cut_cleanly_after_the_configured_number_of_events(int annotationBytes)
    {
        var ns = await fixture.CreateNamespaceAsync();
        foreach (var name in (string[])["a", "b", "c"])
        {
            var deployment = SimulationFixture.Deployment(name, 0);
            deployment.Metadata.Annotations = new Dictionary<string, string> { ["example.com/padding"] = new('x', annotationBytes) };
            await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
        }

        _faults.Add(new FaultRule { Kind = FaultKind.WatchCut, Resources = ["deployments"], WatchEvents = 2 });
        var seen = new List<string>();

        using var bound = new CancellationTokenSource(SimulationFixture.Bound);

        // Without the cut the watch would run for its 30 s timeout; the cut ends the stream after two ADDED events.
        await foreach (var (_, item) in fixture.Client.AppsV1.WatchListNamespacedDeploymentAsync(ns, timeoutSeconds: 30, cancellationToken: bound.Token))
        {
            seen.Add(item.Metadata.Name);
        }

        seen.Count.ShouldBe(2);
    }

    [Fact]
    public async Task Sandbox_routes_are_never_faulted()
    {
        _faults.Add(new FaultRule { Kind = FaultKind.InternalError });
        using var http = new HttpClient();

        using var response = await http.GetAsync(new Uri(fixture.Server.HttpUrl, "/sandbox/stats"));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_faults_in_the_same_order()
    {
        var ns = await fixture.CreateNamespaceAsync();

        async Task<string> RunAsync()
        {
            _faults.Clear();
            _faults.Reseed(42);
            _faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, Verbs = ["list"], Resources = ["pods"], Rate = 0.5 });
            var outcomes = new List<char>();
            for (var i = 0; i < 12; i++)
            {
                try
                {
                    await fixture.Client.CoreV1.ListNamespacedPodAsync(ns);
                    outcomes.Add('.');
                }
                catch (HttpOperationException)
                {
                    outcomes.Add('x');
                }
            }

            return new string([.. outcomes]);
        }

        var first = await RunAsync();
        var second = await RunAsync();

        second.ShouldBe(first);
        first.ShouldContain('x');
        first.ShouldContain('.');
    }
}
