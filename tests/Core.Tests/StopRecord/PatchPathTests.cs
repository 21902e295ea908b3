using System.Text;
using Tarnfui.Core.Replicas;
using Tarnfui.Core.StopRecord;

namespace Tarnfui.Core.Tests.StopRecord;

/// <summary>The paths the stop record's patches write, and the pointer each keeps.</summary>
public class PatchPathTests
{
    [Theory]
    [InlineData(new[] { "spec", "replicas" }, "/spec/replicas")]
    [InlineData(new[] { "metadata", "annotations", "tarnfui.io/original-replicas" }, "/metadata/annotations/tarnfui.io~1original-replicas")]
    [InlineData(new[] { "metadata", "labels", "a~b/c" }, "/metadata/labels/a~0b~1c")]
    [InlineData(new[] { "metadata", "annotations", "ünïcode/ключ" }, "/metadata/annotations/ünïcode~1ключ")]
    [InlineData(new[] { "metadata", "annotations", "" }, "/metadata/annotations/")]
    public void The_pointer_is_the_escaped_segments_in_utf8(string[] segments, string expected)
    {
        var path = new PatchPath(segments);

        Encoding.UTF8.GetString(path.Utf8Pointer).ShouldBe(expected);
        Encoding.UTF8.GetString(path.Utf8Pointer).ShouldBe(JsonPointer.Of(segments), "the one escaper's answer");
        path.ShouldBe(segments);
    }

    [Fact]
    public void The_segments_are_copied_so_the_caller_cannot_change_the_path()
    {
        var segments = new[] { "metadata", "labels", "team" };
        var path = new PatchPath(segments);

        segments[2] = "changed";

        path[2].ShouldBe("team");
        Encoding.UTF8.GetString(path.Utf8Pointer).ShouldBe("/metadata/labels/team");
    }

    [Fact]
    public void A_null_segment_is_refused() =>
        Should.Throw<ArgumentNullException>(() => new PatchPath("metadata", null!));

    [Fact]
    public void The_stop_records_paths_are_kept_and_any_other_key_gets_its_own()
    {
        foreach (var key in StopMarks.Annotations)
        {
            PatchPaths.Annotation(key).ShouldBeSameAs(PatchPaths.Annotation(key), key);
            PatchPaths.Annotation(key).ShouldBe([PatchPaths.Metadata, PatchPaths.AnnotationsMember, key]);
        }

        PatchPaths.Label(StopMarks.StoppedLabel).ShouldBeSameAs(PatchPaths.Label(StopMarks.StoppedLabel));
        PatchPaths.Label(StopMarks.StoppedLabel).ShouldBe([PatchPaths.Metadata, PatchPaths.LabelsMember, StopMarks.StoppedLabel]);
        PatchPaths.Annotation("team").ShouldNotBeSameAs(PatchPaths.Annotation("team"));
        PatchPaths.Annotation("team").ShouldBe([PatchPaths.Metadata, PatchPaths.AnnotationsMember, "team"]);
        PatchPaths.Label("team").ShouldBe([PatchPaths.Metadata, PatchPaths.LabelsMember, "team"]);
    }

    [Fact]
    public void It_reads_as_its_raw_segments() =>
        new PatchPath("metadata", "annotations", "tarnfui.io/stopped-at").ToString().ShouldBe("/metadata/annotations/tarnfui.io/stopped-at");
}
