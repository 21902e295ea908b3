using NodaTime;
using NodaTime.Text;
using Tarnfui.Cli.Cluster.Status;

namespace Tarnfui.Cli.Tests.Cluster;

/// <summary>The NEXT-RUN column: by who holds the CronJob's spec.suspend and when Tarnfui gives it back.</summary>
public class NextRunTests
{
    private const string Now = "2026-11-23T22:00:00Z";

    private static Instant? At(string? text) => text is null ? null : InstantPattern.ExtendedIso.Parse(text).Value;

    [Theory]
    [InlineData("*/15 * * * *", "Running", false, null, "2026-11-23T22:15:00Z")]
    [InlineData("*/15 * * * *", "ResumedByPerson", false, null, "2026-11-23T22:15:00Z")]
    [InlineData("*/15 * * * *", "SuspendedByTarnfui", true, "2026-11-24T07:00:00Z", "2026-11-24T07:00:00Z")]
    [InlineData("0 2 * * *", "SuspendedByTarnfui", true, "2026-11-24T07:00:00Z", "2026-11-25T02:00:00Z")]
    [InlineData("0 2 * * *", "SuspendedByTarnfui", true, "2026-11-23T20:00:00Z", "2026-11-24T02:00:00Z")]
    [InlineData("*/15 * * * *", "SuspendedByTarnfui", true, null, "never")]
    [InlineData("*/15 * * * *", "SuspendedByPerson", true, null, "-")]
    [InlineData("*/15 * * * *", "InvalidRecord", true, null, "-")]
    [InlineData("*/15 * * * *", "InvalidRecord", false, null, "2026-11-23T22:15:00Z")]
    [InlineData("0 0 30 2 *", "Running", false, null, "never")]
    [InlineData("every quarter hour", "Running", false, null, "invalid schedule")]
    [InlineData("every quarter hour", "SuspendedByPerson", true, null, "invalid schedule")]
    public void Next_run_follows_who_holds_it(string schedule, string state, bool suspended, string? backAt, string expected)
    {
        var next = NextRun.Of(schedule, null, Enum.Parse<CronJobState>(state), suspended, At(backAt), At(Now)!.Value);

        next.Text.ShouldBe(expected);
        next.At.ShouldBe(next is NextRun.Scheduled ? At(expected) : null);
        (next.Problem is not null).ShouldBe(expected == "invalid schedule");
    }
}
