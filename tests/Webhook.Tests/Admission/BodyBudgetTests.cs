using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Admission;

public class BodyBudgetTests
{
    private const long MiB = 1024 * 1024;

    // Reservations made in order against an 8 MiB budget (the webhook's): a negative number releases that many bytes.
    public static TheoryData<string, long[], bool[]> Cases => new()
    {
        { "ordinary reviews all fit", [10_000, 10_000, 10_000], [true, true, true] },
        { "one review of the largest size fits", [7 * MiB], [true] },
        { "a second one does not", [7 * MiB, 7 * MiB], [true, false] },
        { "small ones still fit beside a large one", [7 * MiB, 2 * MiB, 10_000], [true, false, true] },
        { "exactly the capacity fits", [8 * MiB, 0, 1], [true, true, false] },
        { "released bytes can be reserved again", [7 * MiB, -7 * MiB, 7 * MiB], [true, true, true] },
        { "a body larger than the whole budget never fits", [9 * MiB], [false] },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Reservations_fit_beside_what_is_in_flight_or_are_refused(string because, long[] steps, bool[] expected)
    {
        var budget = new BodyBudget(8 * MiB);
        var outcomes = new List<bool>();
        var reserved = 0L;

        foreach (var bytes in steps)
        {
            if (bytes < 0)
            {
                budget.Release(-bytes);
                reserved += bytes;
                outcomes.Add(true);
                continue;
            }

            var fits = budget.TryReserve(bytes);
            reserved += fits ? bytes : 0;
            outcomes.Add(fits);
        }

        outcomes.ToArray().ShouldBe(expected, because);
        budget.InFlight.ShouldBe(reserved, because);
    }

    [Fact]
    public void Concurrent_reservations_never_exceed_the_capacity()
    {
        var budget = new BodyBudget(100);
        var granted = 0;

        Parallel.For(0, 1_000, _ =>
        {
            if (budget.TryReserve(7))
            {
                Interlocked.Increment(ref granted);
            }
        });

        granted.ShouldBe(14);
        budget.InFlight.ShouldBe(98);
    }
}
