using System.Globalization;
using Tarnfui.Core.Policy;

namespace Tarnfui.Core.Tests.Policy;

public class WorkloadRefTests
{
    public static TheoryData<string, WorkloadRef, string> Names => new()
    {
        { "a Deployment", new(WorkloadKind.Deployment, "shop", "api"), "deployment shop/api" },
        { "a CronJob", new(WorkloadKind.CronJob, "batch-jobs", "nightly-report"), "cronjob batch-jobs/nightly-report" },
        { "a Rollout", new(WorkloadKind.Rollout, "shop", "web"), "rollout shop/web" },
    };

    [Theory, MemberData(nameof(Names))]
    public void Interpolated_it_is_named_as_ToString_names_it(string because, WorkloadRef workload, string expected)
    {
        workload.ToString().ShouldBe(expected, because);
        $"[{workload}]".ShouldBe($"[{expected}]", because);
        string.Create(CultureInfo.InvariantCulture, $"{workload}").ShouldBe(expected, because);
    }

    [Fact]
    public void It_is_not_formatted_into_a_span_too_short_for_it()
    {
        var workload = new WorkloadRef(WorkloadKind.Deployment, "shop", "api");
        Span<char> buffer = stackalloc char[32];

        workload.TryFormat(buffer[..("deployment shop/api".Length - 1)], out _, default, null).ShouldBeFalse();
        workload.TryFormat(buffer, out var written, default, null).ShouldBeTrue();
        buffer[..written].ToString().ShouldBe("deployment shop/api");
    }
}
