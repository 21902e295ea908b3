namespace Tarnfui.EndToEnd.Dashboard;

/// <summary>
/// A screenshot of each page (the overview, a namespace with its week timeline, a workload) in chromium, written to
/// the test output (<c>screenshots/</c> beside the test assembly) or, with <c>TARNFUI_SCREENSHOTS=DIR</c>, to DIR:
/// scripts/dashboard-screenshots.sh points it at docs/images for the README.
/// </summary>
[Collection(BrowserTestGroup.Name)]
public sealed class DashboardScreenshotTests(ReadOnlyDashboardFixture fixture)
{
    private static readonly byte[] PngSignature = [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    [Fact]
    public async Task A_screenshot_of_each_page_is_written_to_the_test_output()
    {
        var folder = Directory.CreateDirectory(Environment.GetEnvironmentVariable("TARNFUI_SCREENSHOTS") is { Length: > 0 } given
            ? Path.GetFullPath(given)
            : Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;
        var dashboard = fixture.Dashboard;
        await using var browser = await BrowserSession.StartAsync();
        var shots = new List<string>();
        async Task ShootAsync(string name)
        {
            var path = Path.Combine(folder, name);
            File.Delete(path);
            await browser.ScreenshotAsync(path);
            shots.Add(path);
        }

        (await browser.GotoAsync(dashboard.Url)).ShouldBe(200);
        await browser.WaitForTextAsync("#live", "live");
        await ShootAsync("dashboard-overview.png");

        (await browser.GotoAsync(dashboard.Page("/namespaces/team-0001"))).ShouldBe(200);
        (await browser.CountAsync("svg[data-testid=timeline]")).ShouldBe(1);
        await ShootAsync("dashboard-namespace.png");

        (await browser.FollowAsync("[data-testid=held-row] a")).ShouldBe(200);
        (await browser.PathAsync()).ShouldStartWith("/workloads/team-0001/");
        await ShootAsync("dashboard-workload.png");

        foreach (var shot in shots)
        {
            var bytes = await File.ReadAllBytesAsync(shot);
            bytes.Take(PngSignature.Length).ShouldBe(PngSignature, shot);
            bytes.Length.ShouldBeGreaterThan(10_000, $"{shot} is too small to show a page");
        }

        (await browser.ProblemsAsync()).ShouldBeEmpty();
    }
}
