using NodaTime;
using Tarnfui.Core.Replicas;

namespace Tarnfui.Core.Tests.Replicas;

public class StoppedStateTests
{
    private const string Original = WellKnown.Annotations.OriginalReplicas;
    private const string StoppedAt = WellKnown.Annotations.StoppedAt;
    private const string Label = WellKnown.Labels.Stopped;

    // case, annotations ("k=v;k=v"), labels, expected original (-1 = no state), expected error fragment
    public static TheoryData<string, string, string, int, string?> Cases => new()
    {
        { "nothing recorded means not stopped", "", "", -1, null },
        { "label and count read as stopped", $"{Original}=3;{StoppedAt}=2026-11-23T19:00:00Z", $"{Label}=true", 3, null },
        { "count without label still restores (label lost by hand)", $"{Original}=2", "", 2, null },
        { "zero is a count", $"{Original}=0", $"{Label}=true", 0, null },
        { "label without count is an error naming both keys", "", $"{Label}=true", -1, Original },
        { "label false without count is no state", "", $"{Label}=false", -1, null },
        { "negative count is an error", $"{Original}=-1", $"{Label}=true", -1, "\"-1\" is not a replica count" },
        { "words are an error", $"{Original}=three", $"{Label}=true", -1, "\"three\" is not a replica count" },
        { "unreadable stopped-at does not block a restore", $"{Original}=4;{StoppedAt}=yesterday", $"{Label}=true", 4, null },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Read_follows_the_table(string because, string annotations, string labels, int expectedOriginal, string? expectedError)
    {
        var state = StoppedState.Read(Map(annotations), Map(labels));

        if (expectedError is not null)
        {
            state.IsValid.ShouldBeFalse(because);
            state.Error.ShouldContain(expectedError, Case.Sensitive, because);
            return;
        }

        state.IsValid.ShouldBeTrue(because);
        if (expectedOriginal < 0)
        {
            state.Value.ShouldBeNull(because);
        }
        else
        {
            state.Value.ShouldNotBeNull(because).OriginalReplicas.ShouldBe(expectedOriginal, because);
        }
    }

    [Fact]
    public void Stopped_at_is_read_as_an_instant()
    {
        var state = StoppedState.Read(Map($"{Original}=3;{StoppedAt}=2026-11-23T19:00:00+01:00"), null);

        state.Value!.StoppedAt.ShouldBe(Instant.FromUtc(2026, 11, 23, 18, 0));
    }

    [Theory]
    [InlineData("the count the stop set", "1", 1)]
    [InlineData("a record written before the held count existed", null, null)]
    [InlineData("an unreadable held count reads like an old record", "one", null)]
    public void Held_count_is_read_from_the_record(string because, string? held, int? expected)
    {
        var annotations = new Dictionary<string, string> { [Original] = "3" };
        if (held is not null)
        {
            annotations[WellKnown.Annotations.HeldReplicas] = held;
        }

        StoppedState.Read(annotations, Map($"{Label}=true")).Value.ShouldNotBeNull(because).HeldReplicas.ShouldBe(expected, because);
    }

    [Fact]
    public void Null_maps_read_as_not_stopped() =>
        StoppedState.Read(null, null).Value.ShouldBeNull();

    internal static Dictionary<string, string>? Map(string text) =>
        text.Length == 0
            ? null
            : text.Split(';').Select(pair => pair.Split('=', 2)).ToDictionary(kv => kv[0], kv => kv[1]);
}
