using CsCheck;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Tests.Policy;

public class AnnotationValuesTests
{
    public static TheoryData<string, Instant, string> Instants => new()
    {
        { "a stop in the evening", Instant.FromUtc(2026, 11, 23, 18, 0), "2026-11-23T18:00:00Z" },
        { "fractions of a second are dropped, not rounded", Instant.FromUtc(2026, 12, 31, 23, 59, 59).PlusNanoseconds(999_999_999), "2026-12-31T23:59:59Z" },
        { "before 1970, fractions still dropped towards the earlier second", Instant.FromUtc(1969, 12, 31, 23, 59, 59).PlusNanoseconds(500_000_000), "1969-12-31T23:59:59Z" },
        { "the first year written with four digits", Instant.FromUtc(1, 1, 1, 0, 0), "0001-01-01T00:00:00Z" },
        { "the last year written with four digits", Instant.FromUtc(9999, 12, 31, 23, 59, 59), "9999-12-31T23:59:59Z" },
    };

    [Theory, MemberData(nameof(Instants))]
    public void Instants_are_written_as_RFC_3339_in_UTC_to_the_second(string because, Instant instant, string expected) =>
        AnnotationValues.FormatInstant(instant).ShouldBe(expected, because);

    [Fact]
    public void Every_instant_is_written_as_NodaTime_s_general_pattern_writes_it_and_read_back_to_its_second()
    {
        var years = Gen.Frequency((8, Gen.Int[1970, 2200]), (1, Gen.Int[1, 9999]), (1, Gen.Int[-9998, 0]));
        var instants = Gen.Select(years, Gen.Long[0, (366L * 24 * 3600 * 1_000_000_000) - 1])
            .Select((year, nanoseconds) => Instant.FromUtc(year, 1, 1, 0, 0).PlusNanoseconds(nanoseconds));
        instants.Sample(instant =>
        {
            var text = AnnotationValues.FormatInstant(instant);
            text.ShouldBe(InstantPattern.General.Format(instant), $"{instant:uuuu-MM-ddTHH:mm:ss.fffffffff}");
            InstantPattern.General.Parse(text).Value.ShouldBe(Instant.FromUnixTimeSeconds(Math.DivRem(instant.ToUnixTimeTicks(), NodaConstants.TicksPerSecond, out var rest) - (rest < 0 ? 1 : 0)));
        }, iter: 2000);
    }
}
