using k8s.Models;
using Tarnfui.Core;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Manifests;

[Collection(ManifestsGroup.Name)]
public sealed class PodSpecTests(ManifestsFixture manifests)
{
    private const string Webhook = "tarnfui-webhook";
    private const string Sweeper = "tarnfui-sweeper";
    private const string Image = "ghcr.io/tarnfui/tarnfui";

    public static TheoryData<string, string> Deployments
    {
        get
        {
            var data = new TheoryData<string, string>();
            foreach (var install in ManifestsFixture.InstallNames)
            {
                data.Add(install, Webhook);
                data.Add(install, Sweeper);
            }

            return data;
        }
    }

    [Theory, MemberData(nameof(Deployments))]
    public void Pods_run_as_an_unprivileged_user_with_nothing_to_escalate_to(string install, string name)
    {
        var pod = manifests.Installs[install].Deployment(name).Spec.Template.Spec;
        pod.SecurityContext.RunAsNonRoot.ShouldBe(true);
        pod.SecurityContext.RunAsUser.ShouldBe(64198);
        pod.SecurityContext.RunAsGroup.ShouldBe(64198);
        pod.SecurityContext.SeccompProfile.Type.ShouldBe("RuntimeDefault");
        pod.HostNetwork.ShouldNotBe(true);
        pod.HostPID.ShouldNotBe(true);
        pod.HostIPC.ShouldNotBe(true);
        var container = pod.Containers.ShouldHaveSingleItem();
        var security = container.SecurityContext;
        security.RunAsNonRoot.ShouldBe(true);
        security.AllowPrivilegeEscalation.ShouldBe(false);
        security.ReadOnlyRootFilesystem.ShouldBe(true);
        security.Privileged.ShouldNotBe(true);
        security.Capabilities.Drop.ShouldBe(["ALL"]);
        security.Capabilities.Add.ShouldBeNull();
        security.SeccompProfile.Type.ShouldBe("RuntimeDefault");
        (pod.Volumes ?? []).ShouldAllBe(v => v.HostPath == null);
    }

    [Theory, MemberData(nameof(Deployments))]
    public void Only_the_pod_mounts_the_token_its_program_needs_for_the_api(string install, string name)
    {
        var rendered = manifests.Installs[install];
        var pod = rendered.Deployment(name).Spec.Template.Spec;
        // Both programs call the API server (RBAC above), so both pods mount a token; the accounts do not
        // hand one to any other pod that might be run under them.
        pod.AutomountServiceAccountToken.ShouldBe(true);
        rendered.Named<V1ServiceAccount>(pod.ServiceAccountName).AutomountServiceAccountToken.ShouldBe(false);
        pod.ServiceAccountName.ShouldBe(name == Webhook ? WellKnown.Objects.WebhookServiceAccount : WellKnown.Objects.SweeperServiceAccount);
    }

    [Theory, MemberData(nameof(Deployments))]
    public void Every_container_has_requests_and_a_memory_limit_of_at_most_128Mi(string install, string name)
    {
        var resources = manifests.Installs[install].Container(name).Resources;
        resources.Requests.Keys.ShouldBe(["cpu", "memory"], ignoreOrder: true);
        resources.Limits.Keys.ShouldBe(["cpu", "memory"], ignoreOrder: true);
        resources.Limits["memory"].ToDecimal().ShouldBeLessThanOrEqualTo(128m * 1024 * 1024);
        resources.Requests["memory"].ToDecimal().ShouldBeLessThanOrEqualTo(resources.Limits["memory"].ToDecimal());
        resources.Requests["cpu"].ToDecimal().ShouldBeLessThanOrEqualTo(resources.Limits["cpu"].ToDecimal());
    }

    [Theory, MemberData(nameof(Deployments))]
    public void Probes_ask_the_plain_http_port_for_healthz_and_readyz(string install, string name)
    {
        var container = manifests.Installs[install].Container(name);
        var http = container.Ports.Single(p => p.Name == "http");
        http.ContainerPort.ShouldBe(8080);
        foreach (var (probe, path) in new[] { (container.LivenessProbe, "/healthz"), (container.StartupProbe, "/healthz"), (container.ReadinessProbe, "/readyz") })
        {
            probe.HttpGet.Path.ShouldBe(path);
            probe.HttpGet.Port.Value.ShouldBe(http.Name);
            probe.HttpGet.Scheme.ShouldBeNull("plain HTTP");
        }
    }

    [Theory, MemberData(nameof(Deployments))]
    public void The_image_is_the_one_tarnfui_image_started_with_its_program(string install, string name)
    {
        var container = manifests.Installs[install].Container(name);
        container.Image.ShouldStartWith(Image + ":");
        container.Image.ShouldNotEndWith(":latest");
        // Both are native executables (scripts/publish.sh), started without `dotnet`, which the image does not have.
        container.Command.ShouldBe(name == Webhook ? ["/app/webhook/Tarnfui.Webhook"] : ["/app/sweeper/Tarnfui.Sweeper"]);
    }

    [Theory, MemberData(nameof(Deployments))]
    public void Tarnfui_never_touches_the_namespace_it_runs_in(string install, string name)
    {
        var variable = manifests.Installs[install].Container(name).Env.Single(e => e.Name == "TARNFUI_Schedule__OwnNamespace");
        variable.ValueFrom.FieldRef.FieldPath.ShouldBe("metadata.namespace");
    }

    [Theory, MemberData(nameof(Installs))]
    public void The_webhook_keeps_one_replica_up_through_drains_and_rollouts(string install)
    {
        var rendered = manifests.Installs[install];
        var deployment = rendered.Deployment(Webhook);
        deployment.Spec.Replicas.ShouldBe(2);
        deployment.Spec.Strategy.RollingUpdate.MaxUnavailable.Value.ShouldBe("0");
        var antiAffinity = deployment.Spec.Template.Spec.Affinity.PodAntiAffinity.PreferredDuringSchedulingIgnoredDuringExecution.ShouldHaveSingleItem();
        antiAffinity.PodAffinityTerm.TopologyKey.ShouldBe("kubernetes.io/hostname");
        antiAffinity.PodAffinityTerm.LabelSelector.MatchLabels.ShouldBe(deployment.Spec.Selector.MatchLabels);
        var budget = rendered.All<V1PodDisruptionBudget>().ShouldHaveSingleItem();
        budget.Spec.MinAvailable.Value.ShouldBe("1");
        budget.Spec.Selector.MatchLabels.ShouldBe(deployment.Spec.Selector.MatchLabels);
    }

    [Theory, MemberData(nameof(Installs))]
    public void The_webhook_reads_its_certificate_from_the_mounted_secret(string install)
    {
        var pod = manifests.Installs[install].Deployment(Webhook).Spec.Template.Spec;
        var container = pod.Containers.ShouldHaveSingleItem();
        var certificate = container.Env.Single(e => e.Name == "TARNFUI_Webhook__CertificatePath").Value;
        var key = container.Env.Single(e => e.Name == "TARNFUI_Webhook__KeyPath").Value;
        var mount = container.VolumeMounts.Single(m => m.MountPath == Path.GetDirectoryName(certificate));
        Path.GetDirectoryName(key).ShouldBe(mount.MountPath);
        (Path.GetFileName(certificate), Path.GetFileName(key)).ShouldBe(("tls.crt", "tls.key"));
        mount.SubPath.ShouldBeNull("files mounted with subPath never see a rotated Secret");
        mount.ReadOnlyProperty.ShouldBe(true);
        pod.Volumes.Single(v => v.Name == mount.Name).Secret.SecretName.ShouldBe("tarnfui-webhook-tls");
    }

    [Theory, MemberData(nameof(Installs))]
    public void Sweepers_elect_a_leader_in_their_own_namespace(string install)
    {
        var deployment = manifests.Installs[install].Deployment(Sweeper);
        deployment.Spec.Replicas.ShouldNotBeNull().ShouldBeInRange(1, 2);
        var env = deployment.Spec.Template.Spec.Containers.ShouldHaveSingleItem().Env;
        // The Lease is taken in Schedule:OwnNamespace, under the name Sweeper:Identity.
        env.Single(e => e.Name == "TARNFUI_Schedule__OwnNamespace").ValueFrom.FieldRef.FieldPath.ShouldBe("metadata.namespace");
        env.Single(e => e.Name == "TARNFUI_Sweeper__Identity").ValueFrom.FieldRef.FieldPath.ShouldBe("metadata.name");
    }

    [Fact]
    public void The_namespace_enforces_the_restricted_pod_security_standard()
    {
        var labels = manifests.Base.Named<V1Namespace>(WellKnown.Objects.Namespace).Metadata.Labels;
        labels["pod-security.kubernetes.io/enforce"].ShouldBe("restricted");
    }

    public static TheoryData<string> Installs => ManifestsFixture.EachInstall;
}
