using System.Net;
using k8s;
using k8s.Autorest;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Api;

[Collection("Sandbox")]
public sealed class CrudTests(SandboxFixture fixture)
{
    private readonly Kubernetes _client = fixture.Client;

    [Fact]
    public async Task Create_fills_server_metadata_and_defaults()
    {
        var ns = await fixture.CreateNamespaceAsync();

        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web", replicas: 2), ns);

        created.Metadata.Uid.ShouldNotBeNullOrEmpty();
        created.Metadata.ResourceVersion.ShouldNotBeNullOrEmpty();
        created.Metadata.Generation.ShouldBe(1);
        created.Metadata.NamespaceProperty.ShouldBe(ns);
        created.Metadata.CreationTimestamp.ShouldNotBeNull();
        created.Spec.Strategy.Type.ShouldBe("RollingUpdate");
        var read = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        read.Metadata.Uid.ShouldBe(created.Metadata.Uid);
        read.Spec.Replicas.ShouldBe(2);
    }

    [Fact]
    public async Task Create_without_replicas_defaults_them_to_one_as_the_real_server_does()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var deployment = Objects.Deployment("web");
        deployment.Spec.Replicas = null;

        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);

        created.Spec.Replicas.ShouldBe(1);
    }

    [Fact]
    public async Task Generate_name_gives_a_unique_suffixed_name()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var deployment = Objects.Deployment("ignored");
        deployment.Metadata.Name = null;
        deployment.Metadata.GenerateName = "web-";

        var first = await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);
        var second = await _client.AppsV1.CreateNamespacedDeploymentAsync(deployment, ns);

        first.Metadata.Name.ShouldStartWith("web-");
        first.Metadata.Name.Length.ShouldBe("web-".Length + 5);
        second.Metadata.Name.ShouldNotBe(first.Metadata.Name);
    }

    [Fact]
    public async Task Creating_a_taken_name_is_409_AlreadyExists()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);

        var error = await Should.ThrowAsync<HttpOperationException>(() => _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        error.Response.Content.ShouldContain("deployments.apps \\\"web\\\" already exists");
    }

    [Fact]
    public async Task Creating_in_a_missing_namespace_is_404_naming_the_namespace()
    {
        var error = await Should.ThrowAsync<HttpOperationException>(() => _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), "no-such-namespace"));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        error.Response.Content.ShouldContain("namespaces \\\"no-such-namespace\\\" not found");
    }

    [Fact]
    public async Task Replace_bumps_generation_only_when_spec_changes()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var created = await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);

        created.Metadata.Labels["team"] = "a";
        var relabelled = await _client.AppsV1.ReplaceNamespacedDeploymentAsync(created, "web", ns);
        relabelled.Spec.Replicas = 5;
        var rescaled = await _client.AppsV1.ReplaceNamespacedDeploymentAsync(relabelled, "web", ns);

        relabelled.Metadata.Generation.ShouldBe(1);
        long.Parse(relabelled.Metadata.ResourceVersion).ShouldBeGreaterThan(long.Parse(created.Metadata.ResourceVersion));
        rescaled.Metadata.Generation.ShouldBe(2);
        rescaled.Spec.Replicas.ShouldBe(5);
    }

    [Fact]
    public async Task Replace_with_a_stale_resource_version_is_409_with_the_real_message()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var stale = await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);
        var fresh = await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns);
        fresh.Spec.Replicas = 3;
        await _client.AppsV1.ReplaceNamespacedDeploymentAsync(fresh, "web", ns);

        stale.Spec.Replicas = 7;
        var error = await Should.ThrowAsync<HttpOperationException>(() => _client.AppsV1.ReplaceNamespacedDeploymentAsync(stale, "web", ns));

        error.Response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        error.Response.Content.ShouldContain(
            "Operation cannot be fulfilled on deployments.apps \\\"web\\\": the object has been modified; please apply your changes to the latest version and try again");
        (await _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns)).Spec.Replicas.ShouldBe(3);
    }

    [Fact]
    public async Task Delete_removes_the_object_and_a_second_delete_is_404()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);

        var status = await _client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns, propagationPolicy: "Foreground");

        status.Status.ShouldBe("Success");
        var error = await Should.ThrowAsync<HttpOperationException>(() => _client.AppsV1.ReadNamespacedDeploymentAsync("web", ns));
        error.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var again = await Should.ThrowAsync<HttpOperationException>(() => _client.AppsV1.DeleteNamespacedDeploymentAsync("web", ns));
        again.Response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Dry_run_create_answers_the_object_but_stores_nothing()
    {
        var ns = await fixture.CreateNamespaceAsync();

        var answered = await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns, dryRun: "All");

        answered.Metadata.Name.ShouldBe("web");
        (await _client.AppsV1.ListNamespacedDeploymentAsync(ns)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task Strict_field_validation_rejects_an_unknown_spec_field_like_the_real_server()
    {
        var ns = await fixture.CreateNamespaceAsync();
        using var http = new HttpClient { BaseAddress = fixture.Server.HttpUrl };
        var body = """{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{"replicaz":3,"selector":{"matchLabels":{"app":"web"}}}}""";

        var response = await http.PostAsync($"/apis/apps/v1/namespaces/{ns}/deployments?fieldValidation=Strict",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("strict decoding error: unknown field \\\"spec.replicaz\\\"");
    }

    [Fact]
    public async Task Deleting_a_namespace_deletes_what_is_in_it()
    {
        var ns = await fixture.CreateNamespaceAsync();
        await _client.AppsV1.CreateNamespacedDeploymentAsync(Objects.Deployment("web"), ns);

        await _client.CoreV1.DeleteNamespaceAsync(ns);

        fixture.Server.Store.Get(Tarnfui.Emulator.Store.ResourceTypes.Deployments, ns, "web").ShouldBeNull();
    }

    [Fact]
    public async Task A_protobuf_body_of_a_kind_the_sandbox_does_not_decode_is_415_saying_to_send_json()
    {
        var ns = await fixture.CreateNamespaceAsync();
        using var http = new HttpClient { BaseAddress = fixture.Server.HttpUrl };
        using var body = new ByteArrayContent("k8s\0"u8.ToArray());
        body.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/vnd.kubernetes.protobuf");

        using var response = await http.PostAsync($"/apis/apps/v1/namespaces/{ns}/deployments", body);

        response.StatusCode.ShouldBe(HttpStatusCode.UnsupportedMediaType);
        (await response.Content.ReadAsStringAsync()).ShouldContain("send it as JSON");
    }
}
