using System.Text;
using Tarnfui.Webhook.Admission;

namespace Tarnfui.Webhook.Tests.Http;

public class MetricHelpTests
{
    [Theory]
    [InlineData("cronjobs")]
    [InlineData("jobs")]
    [InlineData("rollouts")]
    [InlineData("rollouts/scale")]
    [InlineData("deployments/scale")]
    public async Task The_admissions_help_lists_every_resource_label_value(string resource)
    {
        var help = await AdmissionsHelpAsync();

        help.ShouldContain($" {resource},");
        AdmissionLabels.Resources.ShouldContain(resource);
    }

    [Fact]
    public async Task The_admissions_help_lists_all_label_values_the_webhook_records()
    {
        var help = await AdmissionsHelpAsync();

        foreach (var value in AdmissionLabels.Operations.Concat(AdmissionLabels.Resources).Concat(AdmissionLabels.Decisions))
        {
            help.ShouldContain(value);
        }
    }

    private static async Task<string> AdmissionsHelpAsync()
    {
        var metrics = new Metrics();
        metrics.Admissions.WithLabels("UPDATE", "deployments", "patched").Inc();
        using var exported = new MemoryStream();
        await metrics.Registry.CollectAndExportAsTextAsync(exported);
        return Encoding.UTF8.GetString(exported.ToArray()).Split('\n').Single(line => line.StartsWith("# HELP tarnfui_webhook_admissions_total ", StringComparison.Ordinal));
    }
}
