using System.Net;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Accounting;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Controllers;

namespace Tarnfui.Emulator.Tests.Accounting;

[Collection("Simulation")]
public sealed class RequestAccountingTests(SimulationFixture fixture)
{
    [Theory]
    [InlineData("GET", "/api/v1/namespaces/a/pods", "", "list", "pods", "a")]
    [InlineData("GET", "/api/v1/pods", "true", "watch", "pods", null)]
    [InlineData("GET", "/apis/apps/v1/namespaces/a/deployments/web", "", "get", "deployments", "a")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/a/deployments/web/scale", "", "patch", "deployments/scale", "a")]
    [InlineData("PUT", "/apis/coordination.k8s.io/v1/namespaces/tarnfui/leases/tarnfui-sweeper", "", "update", "leases", "tarnfui")]
    [InlineData("POST", "/apis/events.k8s.io/v1/namespaces/a/events", "", "create", "events", "a")]
    [InlineData("DELETE", "/api/v1/namespaces/a", "", "delete", "namespaces", null)]
    [InlineData("GET", "/apis/apps/v1/watch/namespaces/a/deployments", "", "watch", "deployments", "a")]
    [InlineData("GET", "/apis", "", "get", "/apis", null)]
    public void Requests_are_named_like_the_api_server_names_them(string method, string path, string watch, string verb, string resource, string? ns)
    {
        var info = RequestInfo.Parse(method, path, watch);

        (info.Verb, info.ResourceKey, info.Namespace).ShouldBe((verb, resource, ns));
    }

    [Fact]
    public async Task Requests_are_counted_by_verb_resource_user_and_code_with_their_bytes()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await fixture.Client.AppsV1.CreateNamespacedDeploymentAsync(SimulationFixture.Deployment("web", 3), ns);
        await fixture.SettledAsync();
        fixture.Server.Stats.Reset();
        using var sweeper = fixture.Server.CreateClient(EmulatorUsers.Sweeper);

        var first = await sweeper.CoreV1.ListNamespacedPodWithHttpMessagesAsync(ns, limit: 2, customHeaders: new Dictionary<string, IReadOnlyList<string>> { ["Accept"] = [WellKnown.MetadataListAccept] });
        await sweeper.CoreV1.ListNamespacedPodAsync(ns, limit: 2, continueParameter: first.Body.Metadata.ContinueProperty);
        await sweeper.AppsV1.PatchNamespacedDeploymentScaleAsync(new V1Patch("""{"spec":{"replicas":0}}""", V1Patch.PatchType.MergePatch), "web", ns);
        await Should.ThrowAsync<k8s.Autorest.HttpOperationException>(() => fixture.Client.AppsV1.ReadNamespacedDeploymentAsync("missing", ns));

        var snapshot = fixture.Server.Stats.Snapshot();
        snapshot.Count(verb: "list", resource: "pods", user: EmulatorUsers.Sweeper, code: 200).ShouldBe(2);
        snapshot.Count(verb: "patch", resource: "deployments/scale", user: EmulatorUsers.Sweeper).ShouldBe(1);
        snapshot.Count(verb: "get", resource: "deployments", user: EmulatorUsers.Admin, code: 404).ShouldBe(1);
        snapshot.Requests.ShouldBe(4);
        var log = fixture.Server.Stats.Requests();
        log.Select(r => r.QueryValue("limit")).ShouldBe(["2", "2", null, null]);
        log[0].QueryValue("continue").ShouldBeNull();
        log[1].QueryValue("continue").ShouldBe(first.Body.Metadata.ContinueProperty);
        log.ShouldAllBe(r => r.Bytes > 0);
        first.Dispose();
    }

    [Fact]
    public async Task Stats_are_served_as_json_and_reset_over_http()
    {
        var ns = await fixture.CreateNamespaceAsync();
        using var http = new HttpClient { BaseAddress = fixture.Server.HttpUrl };
        fixture.Server.Stats.Reset();
        var body = await http.GetByteArrayAsync($"/api/v1/namespaces/{ns}/pods");

        var stats = JsonNode.Parse(await http.GetStringAsync("/sandbox/stats"))!;
        stats["requests"]!.GetValue<long>().ShouldBe(1);
        stats["byVerb"]!["list"]!.GetValue<long>().ShouldBe(1);
        stats["byUser"]![EmulatorUsers.Admin]!.GetValue<long>().ShouldBe(1);
        var logged = JsonNode.Parse(await http.GetStringAsync("/sandbox/stats/requests"))!.AsArray().Single()!;
        logged["path"]!.GetValue<string>().ShouldBe($"/api/v1/namespaces/{ns}/pods");
        logged["bytes"]!.GetValue<long>().ShouldBe(body.Length);

        using var reset = await http.PostAsync("/sandbox/stats/reset", null);
        reset.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        fixture.Server.Stats.Snapshot().Requests.ShouldBe(0);
    }
}
