using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Helm;

/// <summary>
/// Values the schema refuses: helm stops before rendering anything, naming the value and what it accepts. helm 3 and
/// helm 4 word the refusal differently (helm 3: <c>webhook.mode: ... must be one of</c>; helm 4:
/// <c>at '/webhook/mode': value must be one of</c>), so each case names what both must say.
/// </summary>
public sealed class ValuesSchemaTests
{
    public static TheoryData<string, string, string, string, string> Refusals
    {
        get
        {
            // helm, the setting, the value's path, what helm 3 says, what helm 4 says
            var data = new TheoryData<string, string, string, string, string>();
            foreach (var helm in HelmVersions.All)
            {
                data.Add(helm, "certificates.mode=vault", "certificates/mode", "must be one of the following: \"self-signed\", \"cert-manager\", \"secret\"", "value must be one of 'self-signed', 'cert-manager', 'secret'");
                data.Add(helm, "webhook.replicas=-1", "webhook/replicas", "Must be greater than or equal to 0", "minimum: got -1, want 0");
                data.Add(helm, "sweeper.replicas=-2", "sweeper/replicas", "Must be greater than or equal to 0", "minimum: got -2, want 0");
                data.Add(helm, "replicas=2", string.Empty, "Additional property replicas is not allowed", "additional properties 'replicas' not allowed");
                data.Add(helm, "webhook.mode=sleep", "webhook/mode", "must be one of the following: \"zero\", \"deny\", \"warn\"", "value must be one of 'zero', 'deny', 'warn'");
                data.Add(helm, "webhook.node=x", "webhook", "Additional property node is not allowed", "additional properties 'node' not allowed");
                data.Add(helm, "sweeper.interval=soon", "sweeper/interval", "Does not match pattern", "does not match pattern");
                data.Add(helm, "certificates.mode=secret", "certificates/secret/name", "String length must be greater than or equal to 1", "minLength: got 0, want 1");
            }

            return data;
        }
    }

    [Theory, MemberData(nameof(Refusals))]
    public async Task A_value_outside_the_schema_is_refused_with_its_path_and_what_is_allowed(string helm, string setting, string path, string helm3Says, string helm4Says)
    {
        var template = await HelmVersions.RunAsync(helm, ["template", HelmChart.Release, HelmChart.Folder, "--set", setting]);

        template.ExitCode.ShouldBe(1, template.Describe($"helm {helm} template --set {setting}"));
        template.StandardOutput.ShouldBeEmpty("nothing is rendered from values the schema refuses");
        template.StandardError.ShouldStartWith("Error: values don't meet the specifications of the schema(s)", Case.Sensitive, template.StandardError);
        template.StandardError.ShouldContain(helm == "3" ? helm3Says : helm4Says, Case.Sensitive, template.StandardError);
        var where = helm == "3" ? (path.Length == 0 ? "(root)" : path.Replace('/', '.')) : $"at '{(path.Length == 0 ? string.Empty : "/" + path)}'";
        template.StandardError.ShouldContain(where, Case.Sensitive, template.StandardError);
    }

    [Theory, MemberData(nameof(Helms))]
    public async Task The_default_values_and_every_documented_setting_pass_the_schema(string helm)
    {
        var template = await HelmVersions.RunAsync(helm,
        [
            "template", HelmChart.Release, HelmChart.Folder,
            "--set", "schedule.holidays={2026-12-25,2026-12-26}", "--set", "schedule.excludedNamespaces={ci}",
            "--set", "extraConfig.Sweeper:DryRun=true", "--set", "webhook.networkPolicy.apiServerCidrs={10.0.0.0/28}",
            "--set", "image.digest=sha256:" + new string('a', 64), "--set", "monitoring.serviceMonitor.enabled=true",
            "--set", "monitoring.dashboard.enabled=true", "--set", "namespace.create=true", "--set", "priorityClassName=system-cluster-critical",
        ]);

        template.ExitCode.ShouldBe(0, template.Describe($"helm {helm} template"));
        var rendered = RenderedManifests.Load(template.StandardOutput);
        var configuration = rendered.Named<k8s.Models.V1ConfigMap>("tarnfui-config").Data;
        configuration["TARNFUI_Schedule__Holidays__1"].ShouldBe("2026-12-26");
        configuration["TARNFUI_Schedule__ExcludedNamespaces__0"].ShouldBe("ci");
        configuration["TARNFUI_Sweeper__DryRun"].ShouldBe("true");
        rendered.Container("tarnfui-sweeper").Image.ShouldBe("ghcr.io/tarnfui/tarnfui@sha256:" + new string('a', 64));
        rendered.Named<k8s.Models.V1NetworkPolicy>("tarnfui-webhook").Spec.Ingress[0].FromProperty.ShouldHaveSingleItem().IpBlock.Cidr.ShouldBe("10.0.0.0/28");
    }

    public static TheoryData<string> Helms => HelmVersions.Each;
}
