using System.Net;
using Tarnfui.Emulator.Tests.Server;

namespace Tarnfui.Emulator.Tests.Conformance;

/// <summary>A CRD deleted while its resources are being read and written: every request gets an answer kube-apiserver could give.</summary>
[Collection("Sandbox")]
public sealed class CrdRemovalConcurrencyTests(SandboxFixture fixture) : IDisposable
{
    private const int Workers = 4;
    private const int RequestsPerWorker = 40;
    private readonly RawApi _api = new(fixture.Server.HttpUrl);

    public void Dispose() => _api.Dispose();

    [Fact]
    public async Task Deleting_a_crd_under_concurrent_requests_answers_each_with_success_or_not_found_never_an_error()
    {
        var ns = await fixture.CreateNamespaceAsync();
        var group = TestCrds.NewGroup();
        await RawApi.ExpectAsync(HttpStatusCode.Created, _api.PostAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions", TestCrds.Widgets(group)));
        var widgets = $"/apis/{group}/v1/namespaces/{ns}/widgets";
        var type = fixture.Server.Store.Types.Find(group, "v1", "widgets")!;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var workers = Enumerable.Range(0, Workers).Select(worker => Task.Run(async () =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < RequestsPerWorker; i++)
            {
                var name = $"w{worker}-{i}";
                statuses.Add((await _api.PostAsync(widgets, TestCrds.Widget(group, name, 1))).Status);
                started.TrySetResult();
                statuses.Add((await _api.PatchAsync($"{widgets}/{name}", """{"spec":{"size":2}}""")).Status);
                statuses.Add((await _api.GetAsync(widgets)).Status);
            }

            return statuses;
        })).ToList();
        await started.Task;
        await RawApi.ExpectAsync(HttpStatusCode.OK, _api.DeleteAsync($"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.{group}"));
        var statuses = (await Task.WhenAll(workers)).SelectMany(s => s).ToList();

        statuses.ShouldAllBe(s => s == HttpStatusCode.OK || s == HttpStatusCode.Created || s == HttpStatusCode.NotFound);
        (await _api.GetAsync(widgets)).Status.ShouldBe(HttpStatusCode.NotFound);
        fixture.Server.Store.All(type).ShouldBeEmpty();
    }
}
