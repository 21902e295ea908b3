using System.Net;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// JSON Patch <c>test</c> as kube-apiserver applies it: with gopkg.in/evanphx/json-patch.v4 (patch.go, <c>Patch.test</c>),
/// called from staging/src/k8s.io/apiserver/pkg/endpoints/handlers/patch.go (<c>applyJSPatch</c>), which turns any
/// failure into <c>NewGenericServerResponse(422)</c> (staging/src/k8s.io/apimachinery/pkg/api/errors/errors.go): code
/// 422, reason Invalid, and a fixed message that drops the library's. The stop record's preconditions
/// (src/Core/Replicas/PatchPreconditions.cs) rest on the first rows: a <c>null</c> test passes on a member missing from an
/// existing object, and fails when the object holding it is missing.
/// </summary>
[Collection("Sandbox")]
public sealed class JsonPatchTestConformanceTests(SandboxFixture fixture) : IDisposable
{
    /// <summary>The whole message kube-apiserver sends for a JSON Patch that does not apply.</summary>
    public const string PatchFailedMessage = "the server rejected our request due to an error in our request";

    private const string Config = """{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"record","annotations":{"kept":"yes"}},"data":{"replicas":"3"}}""";

    private readonly RawApi _api = new(fixture.Server.HttpUrl);

    public void Dispose() => _api.Dispose();

    public static TheoryData<string, string, bool> Tests => new()
    {
        { "null on a member missing from an existing object passes", """{"op":"test","path":"/metadata/annotations/absent","value":null}""", true },
        { "null on a member whose parent is missing fails", """{"op":"test","path":"/metadata/labels/absent","value":null}""", false },
        { "null on a present member fails", """{"op":"test","path":"/metadata/annotations/kept","value":null}""", false },
        { "null on a missing top-level member passes", """{"op":"test","path":"/spec","value":null}""", true },
        { "a value on a missing member fails", """{"op":"test","path":"/metadata/annotations/absent","value":"yes"}""", false },
        { "the present value passes", """{"op":"test","path":"/metadata/annotations/kept","value":"yes"}""", true },
        { "another value fails", """{"op":"test","path":"/data/replicas","value":"4"}""", false },
        { "a string never equals a number", """{"op":"test","path":"/data/replicas","value":3}""", false },
    };

    [Theory]
    [MemberData(nameof(Tests))]
    public async Task Json_patch_test_passes_or_fails_the_whole_patch_as_evanphx_json_patch_v4_does(string because, string test, bool passes)
    {
        var (path, created) = await CreateAsync();

        var response = await _api.PatchAsync(path, $$"""[{{test}},{"op":"add","path":"/data/stopped","value":"true"}]""", "application/json-patch+json");

        var current = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync(path));
        if (passes)
        {
            response.Status.ShouldBe(HttpStatusCode.OK, because);
            current["data"]!["stopped"]!.GetValue<string>().ShouldBe("true", because);
        }
        else
        {
            ShouldBeFailedPatch(response, because);
            current["data"]!["stopped"].ShouldBeNull(because);
            current["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe(created, "nothing was written: " + because);
        }
    }

    [Fact]
    public async Task A_failed_test_is_422_Invalid_with_the_generic_message()
    {
        var (path, _) = await CreateAsync();

        var response = await _api.PatchAsync(path, """[{"op":"test","path":"/data/replicas","value":"0"}]""", "application/json-patch+json");

        ShouldBeFailedPatch(response, "a failed test");
        response.Body!["status"]!.GetValue<string>().ShouldBe("Failure");
        response.Body["kind"]!.GetValue<string>().ShouldBe("Status");
    }

    private async Task<(string Path, string ResourceVersion)> CreateAsync()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var created = await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync($"/api/v1/namespaces/{ns}/configmaps", Config));
        return ($"/api/v1/namespaces/{ns}/configmaps/record", created["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    /// <summary>422, reason Invalid, kube-apiserver's fixed message.</summary>
    internal static void ShouldBeFailedPatch(RawResponse response, string because)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, because);
        response.Body!["code"]!.GetValue<int>().ShouldBe(422, because);
        response.Body["reason"]!.GetValue<string>().ShouldBe("Invalid", because);
        response.Body["message"]!.GetValue<string>().ShouldBe(PatchFailedMessage, because);
    }
}
