using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Tarnfui.Emulator.Server;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>
/// The resourceVersion of a list, which every reflector (the sweeper's and the webhook's) lists with and then watches
/// from: the meaning of <c>resourceVersion</c> and <c>resourceVersionMatch</c> is in
/// staging/src/k8s.io/apimachinery/pkg/apis/meta/v1/types.go (<c>ListOptions</c>); the read is served from the watch
/// cache or etcd by staging/src/k8s.io/apiserver/pkg/storage/cacher/cacher.go and
/// staging/src/k8s.io/apiserver/pkg/storage/etcd3/store.go (<c>GetList</c>: a continued page reads at the first page's
/// revision and reports it); an expired continue token is a 410 Expired
/// (staging/src/k8s.io/apiserver/pkg/storage/etcd3/errors.go); a meaningless <c>resourceVersionMatch</c> is a 422
/// (staging/src/k8s.io/apimachinery/pkg/apis/meta/internalversion/validation/validation.go). What the emulator does
/// not implement is listed in
/// docs/emulator.md.
/// </summary>
[Collection("Sandbox")]
public sealed class ListResourceVersionConformanceTests(SandboxFixture fixture) : IDisposable
{
    private readonly RawApi _api = new(fixture.Server.HttpUrl);

    public void Dispose() => _api.Dispose();

    public static TheoryData<string, string> Reads => new()
    {
        { "resourceVersion unset: the most recent state", "" },
        { "resourceVersion=0: any state, the emulator's is the most recent", "resourceVersion=0" },
        { "NotOlderThan a version already reached", "resourceVersion={written}&resourceVersionMatch=NotOlderThan" },
        { "a version without a match: not older than it", "resourceVersion={written}" },
    };

    [Theory]
    [MemberData(nameof(Reads))]
    public async Task A_list_holds_every_acknowledged_write_and_a_watch_from_its_resourceVersion_sends_only_later_changes(string because, string query)
    {
        var ns = await fixture.CreateNamespaceAsync();
        var written = Version(await CreateAsync(ns, "a"));

        var list = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"/api/v1/namespaces/{ns}/configmaps?{query.Replace("{written}", written.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)}"));
        var listed = long.Parse((string)list["metadata"]!["resourceVersion"]!, CultureInfo.InvariantCulture);
        await CreateAsync(ns, "b");
        await using var watch = await RawWatch.OpenAsync(fixture.Server.HttpUrl, $"/api/v1/namespaces/{ns}/configmaps", $"resourceVersion={listed}");

        list["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]).ShouldBe(["a"], because);
        listed.ShouldBeGreaterThanOrEqualTo(written, because);
        var next = await watch.NextAsync();
        (next.Type, next.Name).ShouldBe(("ADDED", "b"), "what the list held is not sent again: " + because);
    }

    [Fact]
    public async Task Pages_of_a_list_neither_repeat_nor_skip_and_report_the_first_pages_resourceVersion()
    {
        var ns = await fixture.CreateNamespaceAsync();
        foreach (var name in (string[])["a", "b", "c", "d"])
        {
            await CreateAsync(ns, name);
        }

        var first = await RawApi.ExpectAsync(HttpStatusCode.OK, _api.GetAsync($"/api/v1/namespaces/{ns}/configmaps?limit=2"));
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.PatchAsync($"/api/v1/namespaces/{ns}/configmaps/a", """{"data":{"changed":"while paging"}}"""));
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.DeleteAsync($"/api/v1/namespaces/{ns}/configmaps/b"));
        var second = await RawApi.ExpectAsync(HttpStatusCode.OK,
            _api.GetAsync($"/api/v1/namespaces/{ns}/configmaps?limit=2&continue={Uri.EscapeDataString((string)first["metadata"]!["continue"]!)}"));

        Names(first).Concat(Names(second)).ShouldBe(["a", "b", "c", "d"]);
        second["metadata"]!["continue"].ShouldBeNull();
        second["metadata"]!["resourceVersion"]!.GetValue<string>().ShouldBe((string)first["metadata"]!["resourceVersion"]!,
            "the list is one read at one revision: a watch from it must replay what changed while paging");
        await using var watch = await RawWatch.OpenAsync(fixture.Server.HttpUrl, $"/api/v1/namespaces/{ns}/configmaps",
            $"resourceVersion={(string)second["metadata"]!["resourceVersion"]!}");
        (await watch.NextAsync(2)).Select(e => (e.Type, e.Name)).ShouldBe([("MODIFIED", "a"), ("DELETED", "b")]);
    }

    [Fact]
    public async Task A_continue_token_older_than_the_history_is_410_Expired()
    {
        await using var small = await EmulatorServer.StartAsync(new EmulatorOptions { WatchHistory = 5, EmulateControllers = false });
        using var api = new RawApi(small.HttpUrl);
        await RawApi.ExpectAsync(HttpStatusCode.Created, api.PostAsync("/api/v1/namespaces", """{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"paged"}}"""));
        for (var i = 0; i < 3; i++)
        {
            await RawApi.ExpectAsync(HttpStatusCode.Created, api.PostAsync("/api/v1/namespaces/paged/configmaps", ConfigMap($"c{i}")));
        }

        var first = await RawApi.ExpectAsync(HttpStatusCode.OK, api.GetAsync("/api/v1/namespaces/paged/configmaps?limit=1"));
        for (var i = 3; i < 13; i++)
        {
            await RawApi.ExpectAsync(HttpStatusCode.Created, api.PostAsync("/api/v1/namespaces/paged/configmaps", ConfigMap($"c{i}")));
        }

        var expired = await api.GetAsync($"/api/v1/namespaces/paged/configmaps?limit=1&continue={Uri.EscapeDataString((string)first["metadata"]!["continue"]!)}");

        expired.Status.ShouldBe(HttpStatusCode.Gone);
        expired.Body!["reason"]!.GetValue<string>().ShouldBe("Expired");
        expired.Body["message"]!.GetValue<string>().ShouldStartWith("The provided continue parameter is too old to display a consistent list result.");
    }

    public static TheoryData<string, string, string> InvalidMatches => new()
    {
        { "a match without a resourceVersion", "resourceVersionMatch=NotOlderThan",
            "resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided" },
        { "Exact at 0", "resourceVersion=0&resourceVersionMatch=Exact",
            "resourceVersionMatch: Forbidden: resourceVersionMatch \"exact\" is forbidden for resourceVersion \"0\"" },
        { "an unknown match", "resourceVersion=1&resourceVersionMatch=Latest",
            "resourceVersionMatch: Unsupported value: \"Latest\": supported values: \"Exact\", \"NotOlderThan\", \"\"" },
        { "two broken rules at once", "resourceVersionMatch=Latest",
            "[resourceVersionMatch: Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided, resourceVersionMatch: Unsupported value: \"Latest\": supported values: \"Exact\", \"NotOlderThan\", \"\"]" },
    };

    [Theory]
    [MemberData(nameof(InvalidMatches))]
    public async Task A_meaningless_resourceVersionMatch_is_422_Invalid_naming_the_rule(string because, string query, string errors)
    {
        var ns = await fixture.CreateNamespaceAsync();

        var response = await _api.GetAsync($"/api/v1/namespaces/{ns}/configmaps?{query}");

        response.Status.ShouldBe(HttpStatusCode.UnprocessableEntity, because);
        response.Body!["reason"]!.GetValue<string>().ShouldBe("Invalid", because);
        response.Body["message"]!.GetValue<string>().ShouldBe($"ListOptions.meta.k8s.io \"\" is invalid: {errors}", because);
    }

    private Task<JsonNode> CreateAsync(string ns, string name) =>
        RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync($"/api/v1/namespaces/{ns}/configmaps", ConfigMap(name)));

    private static string ConfigMap(string name) => new JsonObject { ["metadata"] = new JsonObject { ["name"] = name } }.ToJsonString();

    private static long Version(JsonNode obj) => long.Parse((string)obj["metadata"]!["resourceVersion"]!, CultureInfo.InvariantCulture);

    private static IEnumerable<string?> Names(JsonNode list) => list["items"]!.AsArray().Select(i => (string?)i!["metadata"]!["name"]);
}
