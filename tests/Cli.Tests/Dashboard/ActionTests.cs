using System.Net;
using System.Text.RegularExpressions;
using k8s;
using Tarnfui.Cli.Dashboard;
using Tarnfui.Cli.Tests.Cluster;
using Tarnfui.Core;
using Tarnfui.Emulator.Faults;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Cli.Tests.Dashboard;

[Collection("Sandbox")]
public partial class ActionTests(SandboxFixture sandbox)
{
    [Fact]
    public async Task Without_allow_changes_no_action_is_offered_and_the_endpoints_answer_403()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns });

        foreach (var path in new[] { "/", $"/namespaces/{ns}", $"/workloads/{ns}/deployment/api" })
        {
            var page = await dashboard.PageAsync(path);
            page.ShouldNotContain("data-testid=\"action-");
            page.ShouldNotContain("<form");
        }

        foreach (var action in new[] { "wake", "sleep", "restore" })
        {
            using var response = await PostAsync(dashboard, action, ns, csrf: "anything");
            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            (await response.Content.ReadAsStringAsync()).ShouldContain("start it with --allow-changes");
        }

        (await ReplicasAsync(ns, "api")).ShouldBe(0);
    }

    [Fact]
    public async Task A_change_without_the_csrf_token_or_from_another_origin_is_refused_and_changes_nothing()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns, AllowChanges = true });
        var csrf = CsrfOf(await dashboard.PageAsync($"/namespaces/{ns}"));

        using var missing = await PostAsync(dashboard, "wake", ns, csrf: null);
        using var wrong = await PostAsync(dashboard, "wake", ns, csrf: "0123");
        using var foreign = await PostAsync(dashboard, "wake", ns, csrf, origin: "http://evil.example");

        missing.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        foreign.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        (await foreign.Content.ReadAsStringAsync()).ShouldContain("another origin");
        (await ReplicasAsync(ns, "api")).ShouldBe(0);
    }

    [Fact]
    public async Task A_wake_from_the_page_restores_the_workload_with_the_persons_credentials()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns, AllowChanges = true });
        var page = await dashboard.PageAsync($"/namespaces/{ns}");
        page.ShouldContain("data-testid=\"action-wake\"");
        page.ShouldContain("data-testid=\"action-restore\"");

        using var response = await PostAsync(dashboard, "wake", ns, CsrfOf(page));

        var result = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, result);
        DashboardPage.Value(result, "action-result").ShouldStartWith("deployment/api: woken until ");
        page.ShouldContain("/assets/dashboard.js");
        result.ShouldNotContain("/assets/dashboard.js", customMessage: "the answer to a POST does not fetch its own URL again when the model moves: a GET there is a 405");
        var deployment = await sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync("api", ns);
        deployment.Spec.Replicas.ShouldBe(3);
        deployment.Metadata.Annotations.ShouldContainKey(WellKnown.Annotations.ExcludeUntil);
        deployment.Metadata.Labels?.ContainsKey(WellKnown.Labels.Stopped).ShouldNotBe(true);
    }

    [Fact]
    public async Task A_sleep_from_the_page_stops_a_running_workload_with_its_record_in_one_patch()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.DeploymentAsync(ns, "api", 4);
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns, AllowChanges = true });
        var page = await dashboard.PageAsync($"/workloads/{ns}/deployment/api");
        page.ShouldContain("data-testid=\"action-sleep\"");

        using var response = await PostAsync(dashboard, "sleep", ns, CsrfOf(page));

        var result = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(HttpStatusCode.OK, result);
        DashboardPage.Value(result, "action-result").ShouldStartWith("deployment/api: ");
        var deployment = await sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync("api", ns);
        (deployment.Spec.Replicas, deployment.Metadata.Annotations[WellKnown.Annotations.OriginalReplicas]).ShouldBe((0, "4"));
        deployment.Metadata.Labels.ShouldContainKey(WellKnown.Labels.Stopped);
    }

    [Fact]
    public async Task A_refusal_of_the_api_server_is_shown_as_it_said_it()
    {
        var ns = await sandbox.NamespaceAsync();
        await sandbox.StoppedDeploymentAsync(ns, "api", original: 3);
        await using var dashboard = await DashboardHost.StartAsync(sandbox, new DashboardOptions { Namespace = ns, AllowChanges = true });
        var csrf = CsrfOf(await dashboard.PageAsync($"/workloads/{ns}/deployment/api"));
        var rule = sandbox.Server.Faults.Add(new FaultRule { Kind = FaultKind.Forbidden, Verbs = ["patch"], Resources = ["deployments"], User = EmulatorUsers.Cli });
        try
        {
            using var response = await PostAsync(dashboard, "restore", ns, csrf);

            response.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
            DashboardPage.Value(await response.Content.ReadAsStringAsync(), "action-result").ShouldStartWith("Error from server (Forbidden): deployments.apps &quot;api&quot; is forbidden");
        }
        finally
        {
            sandbox.Server.Faults.Remove(rule);
        }

        (await ReplicasAsync(ns, "api")).ShouldBe(0);
    }

    private static async Task<HttpResponseMessage> PostAsync(DashboardHost dashboard, string action, string ns, string? csrf, string? origin = null)
    {
        var fields = new Dictionary<string, string> { ["namespace"] = ns, ["kind"] = "Deployment", ["name"] = "api", ["for"] = "2h" };
        if (csrf is not null)
        {
            fields["csrf"] = csrf;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri($"/actions/{action}", UriKind.Relative)) { Content = new FormUrlEncodedContent(fields) };
        request.Headers.Add("Origin", origin ?? dashboard.Server.BaseUrl.GetLeftPart(UriPartial.Authority));
        return await dashboard.Http.SendAsync(request);
    }

    private async Task<int?> ReplicasAsync(string ns, string name) => (await sandbox.Admin.AppsV1.ReadNamespacedDeploymentAsync(name, ns)).Spec.Replicas;

    private static string CsrfOf(string page)
    {
        var match = Csrf().Match(page);
        match.Success.ShouldBeTrue("the page carries no action form");
        return match.Groups[1].Value;
    }

    [GeneratedRegex("name=\"csrf\" value=\"([0-9a-f]+)\"")]
    private static partial Regex Csrf();
}
