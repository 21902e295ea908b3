using Tarnfui.Core.Policy;
using Tarnfui.Sweeper.Notifications;

namespace Tarnfui.Sweeper.Tests.Notifications;

public class SweepEventTests
{
    [Fact]
    public void A_stop_summary_counts_workloads_namespaces_replicas_and_cpu()
    {
        var e = new SweepEvent(SweepEventKind.Stopped, [W("a", "api"), W("a", "web"), W("b", "db")], 7, 1.25);
        e.Summary.ShouldBe("stopped 3 workloads in 2 namespaces, 7 replicas, 1.25 CPU requested saved");
    }

    [Theory]
    [InlineData(1, "restored 1 workload in 1 namespace")]
    [InlineData(2, "restored 2 workloads in 1 namespace")]
    public void Counts_are_written_in_words_that_agree(int workloads, string summary) =>
        new SweepEvent(SweepEventKind.Restored, [.. Enumerable.Range(0, workloads).Select(i => W("a", $"w{i}"))], 0, 0).Summary.ShouldBe(summary);

    [Theory]
    [InlineData(3, 5, 3, null)]
    [InlineData(5, 5, 5, null)]
    [InlineData(8, 5, 6, "and 3 more")]
    public void The_list_is_capped_with_the_rest_counted(int workloads, int max, int lines, string? last)
    {
        var listed = new SweepEvent(SweepEventKind.Stopped, [.. Enumerable.Range(0, workloads).Select(i => W("a", $"w{i}"))], 0, 0).Listed(max);
        listed.Count.ShouldBe(lines);
        listed[0].ShouldBe("a/Deployment/w0");
        if (last is not null)
        {
            listed[^1].ShouldBe(last);
        }
    }

    [Theory]
    [InlineData("https://hooks.slack.com/services/T0/B0/secret?x=1", "https://hooks.slack.com/…")]
    [InlineData("http://user:pass@127.0.0.1:8080/hook?token=t", "http://127.0.0.1:8080/…")]
    public void A_url_is_shown_without_path_query_or_userinfo(string url, string shown)
    {
        TargetUrl.TryParse(url, out var parsed).ShouldBeTrue();
        TargetUrl.Redacted(parsed).ShouldBe(shown);
    }

    private static WorkloadRef W(string ns, string name) => new(WorkloadKind.Deployment, ns, name);
}
