using NodaTime;
using Tarnfui.Core.Autoscaling;

namespace Tarnfui.Core.Tests.Autoscaling;

public class AutoscalerRecordTests
{
    private static string Min => WellKnown.Annotations.OriginalMinReplicas;

    private static string Max => WellKnown.Annotations.OriginalMaxReplicas;

    private static string Held => WellKnown.Annotations.HeldReplicas;

    public static TheoryData<string, string?, string?, string?, string> Cases => new()
    {
        // because, original-min, original-max, held, what is read ("none", the bounds and count, or the key the error names)
        { "no record", null, null, null, "none" },
        { "held-replicas alone is no bound record", null, null, "1", "none" },
        { "a whole record", "2", "5", "1", "2..5 held 1" },
        { "a minReplicas that was absent", WellKnown.Annotations.UnsetValue, "5", "1", "unset..5 held 1" },
        { "max missing", "2", null, "1", "error " + WellKnown.Annotations.OriginalMaxReplicas },
        { "min missing", null, "5", "1", "error " + WellKnown.Annotations.OriginalMinReplicas },
        { "held missing", "2", "5", null, "error " + WellKnown.Annotations.HeldReplicas },
        { "min not a count", "two", "5", "1", "error " + WellKnown.Annotations.OriginalMinReplicas },
        { "max not a count", "2", "-5", "1", "error " + WellKnown.Annotations.OriginalMaxReplicas },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Read_follows_the_table(string because, string? min, string? max, string? held, string expected)
    {
        var annotations = new Dictionary<string, string> { ["app"] = "web" };
        Put(annotations, Min, min);
        Put(annotations, Max, max);
        Put(annotations, Held, held);

        var read = AutoscalerRecord.Read(annotations);

        var described = !read.IsValid ? "error " + KeyNamed(read.Error) : read.Value is { } r ? $"{r.Original} held {r.Held}" : "none";
        described.ShouldBe(expected, because);
    }

    [Fact]
    public void Read_keeps_when_it_was_bounded()
    {
        var annotations = new Dictionary<string, string>
        {
            [Min] = "2",
            [Max] = "5",
            [Held] = "1",
            [WellKnown.Annotations.StoppedAt] = "2026-11-23T19:00:00Z",
        };

        AutoscalerRecord.Read(annotations).Value!.BoundedAt.ShouldBe(Instant.FromUtc(2026, 11, 23, 19, 0));
    }

    [Fact]
    public void Read_of_no_annotations_is_no_record() => AutoscalerRecord.Read(null).Value.ShouldBeNull();

    private static void Put(Dictionary<string, string> annotations, string key, string? value)
    {
        if (value is not null)
        {
            annotations[key] = value;
        }
    }

    // The first record key the message names: the one it is about.
    private static string KeyNamed(string message) =>
        new[] { Min, Max, Held }.OrderBy(key => message.IndexOf(key, StringComparison.Ordinal) is var at and >= 0 ? at : int.MaxValue).First();
}
