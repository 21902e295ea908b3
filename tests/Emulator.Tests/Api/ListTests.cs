using System.Net;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Api;

[Collection("Sandbox")]
public sealed class ListTests(SandboxFixture fixture)
{
    private readonly Kubernetes _client = fixture.Client;

    [Fact]
    public async Task Label_selectors_filter_the_list()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("a", labels: new Dictionary<string, string> { ["tier"] = "web", ["env"] = "prod" }), ns);
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("b", labels: new Dictionary<string, string> { ["tier"] = "db" }), ns);
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("c", labels: new Dictionary<string, string> { ["tier"] = "cache", ["env"] = "dev" }), ns);

        async Task<string> Names(string selector) =>
            string.Join(",", (await _client.AppsV1.ListNamespacedDeploymentAsync(ns, labelSelector: selector)).Items.Select(d => d.Metadata.Name));

        (await Names("tier=web")).ShouldBe("a");
        (await Names("tier!=web")).ShouldBe("b,c");
        (await Names("tier in (web,db)")).ShouldBe("a,b");
        (await Names("env")).ShouldBe("a,c");
        (await Names("!env")).ShouldBe("b");
        (await Names("tier notin (db),env=prod")).ShouldBe("a");
    }

    [Fact]
    public async Task Field_selectors_filter_pods_by_phase_and_namespace()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("running", "Running"), ns);
        await _client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("done", "Succeeded"), ns);
        await _client.CoreV1.CreateNamespacedPodAsync(Objects.Pod("failed", "Failed"), ns);

        var active = await _client.CoreV1.ListPodForAllNamespacesAsync(fieldSelector: $"status.phase!=Succeeded,status.phase!=Failed,metadata.namespace=={ns}");
        var byName = await _client.CoreV1.ListNamespacedPodAsync(ns, fieldSelector: "metadata.name=done");

        active.Items.Select(p => p.Metadata.Name).ShouldBe(["running"]);
        byName.Items.Select(p => p.Metadata.Name).ShouldBe(["done"]);
    }

    [Fact]
    public async Task An_unknown_field_selector_is_a_400()
    {
        var error = await Should.ThrowAsync<HttpOperationException>(() => _client.AppsV1.ListDeploymentForAllNamespacesAsync(fieldSelector: "spec.replicas=0"));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        error.Response.Content.ShouldContain("field label not supported: spec.replicas");
    }

    [Fact]
    public async Task Paging_returns_every_object_once_while_objects_are_added_and_removed_between_pages()
    {
        var ns = await fixture.CreateNamespaceAsync();
        for (var i = 0; i < 25; i++)
        {
            await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment($"d{i:00}"), ns);
        }

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await _client.AppsV1.ListNamespacedDeploymentAsync(ns, limit: 10, continueParameter: token);
            seen.AddRange(page.Items.Select(d => d.Metadata.Name));
            token = page.Metadata.ContinueProperty;
            if (pages++ == 0)
            {
                // Between pages: remove one already served and one not yet served, add one before and one after the cursor.
                await _client.AppsV1.DeleteNamespacedDeploymentAsync("d03", ns);
                await _client.AppsV1.DeleteNamespacedDeploymentAsync("d15", ns);
                await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("d00a"), ns);
                await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("d99"), ns);
            }
        }
        while (token is not null);

        seen.ShouldBeUnique();
        seen.ShouldContain("d03");
        seen.ShouldNotContain("d15");
        seen.ShouldNotContain("d00a");
        seen.ShouldContain("d99");
        seen.Count.ShouldBe(25);
        pages.ShouldBe(3);
    }

    [Fact]
    public async Task Paged_namespaced_list_counts_the_items_left_in_its_namespace_and_none_when_filtered()
    {
        var ns = await fixture.CreateNamespaceAsync();
        // A namespace whose name sorts right after ns: its objects follow ns's in key order but are not ns's.
        var next = (await _client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = ns + "-next" } })).Metadata.Name;
        for (var i = 0; i < 7; i++)
        {
            await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment($"d{i}"), ns);
            await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment($"d{i}"), next);
        }

        var remaining = new List<long?>();
        string? token = null;
        do
        {
            var page = await _client.AppsV1.ListNamespacedDeploymentAsync(ns, limit: 3, continueParameter: token);
            remaining.Add(page.Metadata.RemainingItemCount);
            token = page.Metadata.ContinueProperty;
        }
        while (token is not null);
        var filtered = await _client.AppsV1.ListNamespacedDeploymentAsync(ns, limit: 3, labelSelector: "app");

        remaining.ShouldBe([4, 1, null]);
        filtered.Metadata.ContinueProperty.ShouldNotBeNull();
        filtered.Metadata.RemainingItemCount.ShouldBeNull();
    }

    [Fact]
    public async Task A_garbled_continue_token_is_a_400()
    {
        var ns = await fixture.CreateNamespaceAsync();

        var error = await Should.ThrowAsync<HttpOperationException>(() => _client.AppsV1.ListNamespacedDeploymentAsync(ns, continueParameter: "not-a-token"));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Metadata_only_list_has_no_spec_and_keeps_labels_and_annotations()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var deployment = Objects.Deployment("web", replicas: 3);
        deployment.Metadata.Annotations = new Dictionary<string, string> { [WellKnown.Annotations.Exclude] = "true" };
        await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);

        using var response = await _client.AppsV1.ListNamespacedDeploymentWithHttpMessagesAsync(ns,
            customHeaders: new Dictionary<string, IReadOnlyList<string>> { ["Accept"] = [WellKnown.MetadataListAccept] });

        var item = response.Body.Items.ShouldHaveSingleItem();
        item.Spec.ShouldBeNull();
        item.Status.ShouldBeNull();
        item.Metadata.Annotations[WellKnown.Annotations.Exclude].ShouldBe("true");
        item.Metadata.Labels["app"].ShouldBe("web");
        response.Body.Kind.ShouldBe("PartialObjectMetadataList");
        response.Body.ApiVersion.ShouldBe("meta.k8s.io/v1");
    }

    [Fact]
    public async Task Metadata_only_get_has_no_spec()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);

        using var response = await _client.AppsV1.ReadNamespacedDeploymentWithHttpMessagesAsync("web", ns,
            customHeaders: new Dictionary<string, IReadOnlyList<string>> { ["Accept"] = [WellKnown.MetadataAccept] });

        response.Body.Spec.ShouldBeNull();
        response.Body.Kind.ShouldBe("PartialObjectMetadata");
        response.Body.Metadata.Name.ShouldBe("web");
    }

    [Fact]
    public async Task Cluster_wide_list_spans_namespaces()
    {
        var first = await fixture.CreateNamespaceAsync();
        var second = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("x", labels: new Dictionary<string, string> { ["spans"] = first }), first);
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("x", labels: new Dictionary<string, string> { ["spans"] = first }), second);

        var all = await _client.AppsV1.ListDeploymentForAllNamespacesAsync(labelSelector: $"spans={first}");

        all.Items.Select(d => d.Metadata.NamespaceProperty).ShouldBe(new[] { first, second }.Order(StringComparer.Ordinal));
    }
}
