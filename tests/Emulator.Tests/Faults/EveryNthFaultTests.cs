using Tarnfui.Emulator.Accounting;
using Tarnfui.Emulator.Faults;

namespace Tarnfui.Emulator.Tests.Faults;

/// <summary>
/// <see cref="FaultRule.Every"/>: the deterministic schedule a test uses when it asserts that a fault was met, checked
/// on the injector's decisions without HTTP.
/// </summary>
public sealed class EveryNthFaultTests
{
    private static readonly RequestInfo Get = RequestInfo.Parse("GET", "/apis/apps/v1/namespaces/ns/deployments/web", "");
    private static readonly RequestInfo Patch = RequestInfo.Parse("PATCH", "/apis/apps/v1/namespaces/ns/deployments/web", "");

    [Fact]
    public void An_every_rule_faults_the_nth_2nth_and_3rd_nth_matching_request_whatever_the_seed()
    {
        foreach (var seed in (int[])[0, 1, 42])
        {
            var faults = new FaultInjector(seed);
            faults.Add(new FaultRule { Kind = FaultKind.TooManyRequests, Every = 3 });

            Outcomes(faults, Enumerable.Repeat(Get, 9)).ShouldBe("..x..x..x", $"seed {seed}");
        }
    }

    [Fact]
    public void Requests_the_filters_leave_out_do_not_count_towards_the_nth()
    {
        var faults = new FaultInjector();
        faults.Add(new FaultRule { Kind = FaultKind.InternalError, Verbs = ["patch"], Every = 2 });

        Outcomes(faults, [Get, Patch, Get, Get, Patch, Get, Patch, Patch]).ShouldBe("....x..x");
    }

    [Fact]
    public void Times_still_caps_an_every_rule()
    {
        var faults = new FaultInjector();
        faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, Every = 2, Times = 2 });

        Outcomes(faults, Enumerable.Repeat(Get, 8)).ShouldBe(".x.x....");
        faults.Injected[FaultKind.ServiceUnavailable].ShouldBe(2);
    }

    // Both rules match every request, and a request gets one failing fault at most: the second rule is not offered the
    // request the first one faulted, so its own count runs on the others.
    [Fact]
    public void Two_every_rules_fault_in_a_fixed_pattern()
    {
        var faults = new FaultInjector();
        faults.Add(new FaultRule { Kind = FaultKind.InternalError, Every = 4 });
        faults.Add(new FaultRule { Kind = FaultKind.ServiceUnavailable, Every = 4 });

        Outcomes(faults, Enumerable.Repeat(Get, 10)).ShouldBe("...xx..x.x");
        faults.Injected[FaultKind.InternalError].ShouldBe(2);
        faults.Injected[FaultKind.ServiceUnavailable].ShouldBe(2);
    }

    public static TheoryData<string, FaultRule, string> Invalid => new()
    {
        { "every 0 would never fault", new FaultRule { Kind = FaultKind.InternalError, Every = 0 }, "every must be 1 or more (1 faults every matching request), got 0" },
        { "every replaces the draw", new FaultRule { Kind = FaultKind.InternalError, Every = 5, Rate = 0.5 }, "every and rate are alternatives: with every = 5, leave rate at 1, got 0.5" },
    };

    [Theory, MemberData(nameof(Invalid))]
    public void A_rule_with_an_unusable_every_is_refused_with_a_message_naming_it(string because, FaultRule rule, string message)
    {
        rule.Problem().ShouldBe(message, because);
        Should.Throw<ArgumentOutOfRangeException>(() => new FaultInjector().Add(rule)).Message.ShouldStartWith(message, Case.Sensitive, because);
        FaultEndpoints.Add(new FaultInjector(), rule).Result.ShouldBeOfType<Microsoft.AspNetCore.Http.HttpResults.BadRequest<string>>(because).Value.ShouldBe(message, because);
    }

    private static string Outcomes(FaultInjector faults, IEnumerable<RequestInfo> requests) =>
        string.Concat(requests.Select(r => faults.Plan(r, "someone").Fault is null ? '.' : 'x'));
}
