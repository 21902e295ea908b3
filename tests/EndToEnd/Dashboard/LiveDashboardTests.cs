namespace Tarnfui.EndToEnd.Dashboard;

/// <summary>
/// An open page follows the cluster without a reload: at Friday 18:58 UTC, moving the simulated clock past 19:00
/// turns working hours into off-hours and the hosted sweeper's stops into held counts, pushed over /events.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class LiveDashboardTests
{
    [Fact]
    public async Task Moving_the_clock_past_19_00_updates_the_open_page_without_a_reload()
    {
        await using var dashboard = await ServedDashboard.StartAsync("2026-11-27T18:58:00Z");
        await using var browser = await BrowserSession.StartAsync();
        (await browser.GotoAsync(dashboard.Url)).ShouldBe(200);
        await browser.WaitForTextAsync("#live", "live");
        (await browser.TextAsync("[data-testid=held-total]")).ShouldBe("0");
        (await browser.TextAsync("[data-testid=next-transition]"))!.ShouldStartWith("Global schedule: working hours");
        var shownAt = (await browser.TextAsync("[data-testid=cluster-time]"))!;
        shownAt.ShouldStartWith("2026-11-27T18:5");

        // A mark a reload would wipe out.
        await browser.EvaluateAsync("window.tarnfuiTestMark = 'kept'");
        await dashboard.AdvanceAsync("5m");
        await dashboard.WaitUntilSweptAsync();

        (await browser.WaitForTextOtherThanAsync("[data-testid=held-total]", "0")).ShouldNotBe("0");
        await browser.WaitForTextStartingWithAsync("[data-testid=next-transition]", "Global schedule: off-hours");
        await browser.WaitForTextStartingWithAsync("[data-testid=cluster-time]", "2026-11-27T19:0");
        (await browser.EvaluateAsync("window.tarnfuiTestMark"))!.GetValue<string>().ShouldBe("kept");
        (await browser.ProblemsAsync()).ShouldBeEmpty();
    }
}
