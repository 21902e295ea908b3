namespace Tarnfui.EndToEnd.Dashboard;

/// <summary>
/// One read-only <c>sandbox serve --dashboard</c> for the tests that only look: Friday 2026-11-27 20:00 UTC, after the
/// hosted sweeper has stopped the seeded teams' workloads for the night. The clock is frozen, so nothing changes after.
/// </summary>
public sealed class ReadOnlyDashboardFixture : IAsyncLifetime
{
    private ServedDashboard? _dashboard;

    internal ServedDashboard Dashboard => _dashboard ?? throw new InvalidOperationException("the fixture has not started");

    public async Task InitializeAsync()
    {
        _dashboard = await ServedDashboard.StartAsync("2026-11-27T20:00:00Z");
        await _dashboard.WaitUntilSweptAsync();
    }

    public async Task DisposeAsync()
    {
        if (_dashboard is not null)
        {
            await _dashboard.DisposeAsync();
        }
    }
}

/// <summary>The browser tests run one at a time: each starts a serve process and a chromium, heavy on a small machine.</summary>
[CollectionDefinition(Name)]
public sealed class BrowserTestGroup : ICollectionFixture<ReadOnlyDashboardFixture>
{
    public const string Name = "Browser";
}
