using System.Net;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// The two ways a write on stale knowledge fails, which the sweeper tells apart from every other error
/// (src/Sweeper/Kube/KubeApi.cs, <c>PatchOutcome.Conflict</c>): a <c>metadata.resourceVersion</c> in the body of an
/// update or in the result of a patch is compared with the stored one, and a mismatch is 409 Conflict
/// (staging/src/k8s.io/apiserver/pkg/registry/generic/registry/store.go, <c>Update</c>: <c>NewConflict</c> with
/// <c>OptimisticLockErrorMsg</c>); a JSON Patch <c>test</c> that fails, even one on the resourceVersion, is 422
/// Invalid (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go). A patch that sets no resourceVersion is
/// applied to the object as it is when written (the store's <c>GuaranteedUpdate</c> retries it on a concurrent write).
/// </summary>
[Collection("Sandbox")]
public sealed class PreconditionConformanceTests(SandboxFixture fixture) : IDisposable
{
    private readonly RawApi _api = new(fixture.Server.HttpUrl);

    public void Dispose() => _api.Dispose();

    public static TheoryData<string, string, string, string> StaleWrites => new()
    {
        { "an update (PUT) carrying the old resourceVersion", "PUT", "application/json",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"record","resourceVersion":"{old}"},"data":{"replicas":"0"}}""" },
        { "a merge patch carrying the old resourceVersion", "PATCH", "application/merge-patch+json",
            """{"metadata":{"resourceVersion":"{old}"},"data":{"replicas":"0"}}""" },
        { "a strategic merge patch carrying the old resourceVersion", "PATCH", "application/strategic-merge-patch+json",
            """{"metadata":{"resourceVersion":"{old}"},"data":{"replicas":"0"}}""" },
        { "a JSON patch replacing the resourceVersion with the old one", "PATCH", "application/json-patch+json",
            """[{"op":"replace","path":"/metadata/resourceVersion","value":"{old}"},{"op":"replace","path":"/data/replicas","value":"0"}]""" },
    };

    [Theory]
    [MemberData(nameof(StaleWrites))]
    public async Task A_write_carrying_a_stale_resourceVersion_is_409_Conflict(string because, string method, string contentType, string body)
    {
        var (ns, old, current) = await CreateAndChangeAsync();

        var response = await _api.SendAsync(new HttpMethod(method), $"/api/v1/namespaces/{ns}/configmaps/record", body.Replace("{old}", old, StringComparison.Ordinal), contentType);

        response.Status.ShouldBe(HttpStatusCode.Conflict, because);
        response.Body!["reason"]!.GetValue<string>().ShouldBe("Conflict", because);
        response.Body["message"]!.GetValue<string>().ShouldBe(
            "Operation cannot be fulfilled on configmaps \"record\": the object has been modified; please apply your changes to the latest version and try again", because);
        response.Body["details"]!["name"]!.GetValue<string>().ShouldBe("record");
        response.Body["details"]!["kind"]!.GetValue<string>().ShouldBe("configmaps", "details name the resource, not the kind");
        await ShouldBeUnchangedAsync(ns, current);
    }

    [Fact]
    public async Task A_json_patch_test_of_a_stale_resourceVersion_is_422_Invalid_not_409()
    {
        var (ns, old, current) = await CreateAndChangeAsync();

        var response = await _api.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/record",
            $$"""[{"op":"test","path":"/metadata/resourceVersion","value":"{{old}}"},{"op":"replace","path":"/data/replicas","value":"0"}]""",
            "application/json-patch+json");

        JsonPatchTestConformanceTests.ShouldBeFailedPatch(response, "a test is a test, whatever it reads");
        await ShouldBeUnchangedAsync(ns, current);
    }

    [Fact]
    public async Task A_patch_without_a_resourceVersion_applies_to_the_object_as_it_is_now()
    {
        var (ns, _, current) = await CreateAndChangeAsync();

        var patched = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/record", """{"data":{"stopped":"true"}}"""));

        patched["data"]!["replicas"]!.GetValue<string>().ShouldBe("5", "the concurrent change is kept");
        long.Parse(patched["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThan(long.Parse(current, System.Globalization.CultureInfo.InvariantCulture));
    }

    // Creates the ConfigMap, then changes it as someone else would: returns the first and the current resourceVersion.
    private async Task<(string Ns, string Old, string Current)> CreateAndChangeAsync()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var created = await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync($"/api/v1/namespaces/{ns}/configmaps",
            """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"record"},"data":{"replicas":"3"}}"""));
        var changed = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/record", """{"data":{"replicas":"5"}}"""));
        return (ns, (string)created["metadata"]!["resourceVersion"]!, (string)changed["metadata"]!["resourceVersion"]!);
    }

    private async Task ShouldBeUnchangedAsync(string ns, string resourceVersion)
    {
        var stored = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"/api/v1/namespaces/{ns}/configmaps/record"));
        stored["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe(resourceVersion, "nothing was written");
        stored["data"]!["replicas"]!.GetValue<string>().ShouldBe("5");
    }
}
