using CsCheck;
using NodaTime;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Tests.Policy;

/// <summary>
/// A resolver reuses the global schedule's next flip for the instants before it. Whatever order the instants come in
/// (a sweep after an admission, a clock set back), every decision must name the flip a resolver that never saw an
/// earlier instant names.
/// </summary>
public class NextFlipReuseTests
{
    private static readonly GlobalPolicy Global = GlobalPolicy.Create(Options()).Value;

    // Four weeks around the end of summer time in Berlin and a holiday in working time.
    private static readonly Instant Start = Instant.FromUtc(2026, 10, 12, 0, 0);
    private static readonly Gen<Instant> Instants = Gen.Long[0, Duration.FromDays(28).BclCompatibleTicks / TimeSpan.TicksPerMinute]
        .Select(minutes => Start + Duration.FromMinutes(minutes));

    private static readonly WorkloadRef Workload = new(WorkloadKind.Deployment, "shop", "api");

    [Fact]
    public void Every_decision_names_the_flip_a_fresh_resolver_names()
    {
        Gen.Select(Instants, Gen.Int[0, 20]).Array[1, 40].Sample(steps =>
        {
            var reused = new PolicyResolver(Global);
            foreach (var (at, drift) in steps)
            {
                // Runs of nearby instants (the cache's case) and jumps in both directions.
                foreach (var instant in new[] { at, at + Duration.FromMinutes(drift), at - Duration.FromSeconds(drift) })
                {
                    Next(reused.Resolve(Workload, null, false, null, instant)).ShouldBe(Next(new PolicyResolver(Global).Resolve(Workload, null, false, null, instant)), $"at {instant}");
                }
            }
        });
    }

    [Fact]
    public void A_workload_with_its_own_schedule_is_not_given_the_global_flip()
    {
        var resolver = new PolicyResolver(Global);
        var mondayNight = Instant.FromUtc(2026, 10, 12, 21, 0);
        Next(resolver.Resolve(Workload, null, false, null, mondayNight)).ShouldBe(Instant.FromUtc(2026, 10, 13, 5, 0));

        var own = new Dictionary<string, string> { [WellKnown.Annotations.Uptime] = "Mon-Fri 09:00-17:00" };

        Next(resolver.Resolve(Workload, own, false, null, mondayNight)).ShouldBe(Instant.FromUtc(2026, 10, 13, 7, 0));
    }

    private static Instant? Next(PolicyDecision decision) => decision switch
    {
        PolicyDecision.OffHours off => off.NextWorkingHours,
        PolicyDecision.WorkingHours on => on.NextOffHours,
        _ => throw new InvalidOperationException($"unexpected {decision}"),
    };

    private static ScheduleOptions Options()
    {
        var options = new ScheduleOptions { Uptime = "Mon-Fri 07:00-19:00", TimeZone = "Europe/Berlin" };
        options.Holidays.Add("2026-10-28");
        return options;
    }
}
