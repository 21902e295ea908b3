using k8s;
using Tarnfui.Core;

namespace Tarnfui.EndToEnd.Dashboard;

/// <summary>
/// <c>sandbox serve --dashboard --dashboard-allow-changes</c>: a person wakes a held Deployment from its page in
/// chromium (the form, its CSRF token, the browser's own Origin) and the emulated cluster has it back at its count.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DashboardActionTests
{
    [Fact]
    public async Task Waking_a_held_deployment_through_the_page_restores_it_in_the_cluster()
    {
        await using var dashboard = await ServedDashboard.StartAsync("2026-11-27T20:00:00Z", allowChanges: true);
        await dashboard.WaitUntilSweptAsync();
        await using var browser = await BrowserSession.StartAsync();
        (await browser.GotoAsync(dashboard.Url)).ShouldBe(200);
        (await browser.FollowAsync("[data-testid=held-row] a[href*='/deployment/']")).ShouldBe(200);
        var segments = (await browser.PathAsync()).Split('/', StringSplitOptions.RemoveEmptyEntries);
        var (ns, name) = (Uri.UnescapeDataString(segments[1]), Uri.UnescapeDataString(segments[3]));
        using var client = dashboard.CreateClient();
        (await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns)).Spec.Replicas.ShouldBe(0);
        (await browser.CountAsync("[data-testid=action-wake]")).ShouldBe(1);
        (await browser.CountAsync("[data-testid=action-sleep]")).ShouldBe(1);
        (await browser.CountAsync("[data-testid=action-restore]")).ShouldBe(1);

        await browser.FillAsync("[data-testid=action-wake] input[name=for]", "2h");
        (await browser.FollowAsync("[data-testid=action-wake] button[type=submit]")).ShouldBe(200);

        (await browser.TextAsync("[data-testid=action-result]"))!.ShouldContain(name);
        var woken = await client.AppsV1.ReadNamespacedDeploymentAsync(name, ns);
        woken.Spec.Replicas.ShouldBe(2, "the seeded count, put back from the stop record");
        woken.Metadata.Annotations.ShouldContainKey(WellKnown.Annotations.ExcludeUntil);
        woken.Metadata.Annotations.Keys.ShouldNotContain(WellKnown.Annotations.OriginalReplicas);
        (woken.Metadata.Labels?.ContainsKey(WellKnown.Labels.Stopped) ?? false).ShouldBeFalse();
        (await browser.ProblemsAsync()).ShouldBeEmpty();
    }
}
