using k8s;
using k8s.Models;

namespace Tarnfui.Deploy.Tests.Infrastructure;

// KubernetesClient has no types for the CRDs the overlays use (cert-manager, Prometheus Operator). These
// carry exactly the fields the manifests set, so that a strict load rejects a misspelt one.
#pragma warning disable CA2227 // Deserialised by YamlDotNet, which needs setters on collections.

/// <summary>Base of the custom resources below: apiVersion, kind, metadata and a typed spec.</summary>
public abstract class CustomResource<TSpec> : IKubernetesObject<V1ObjectMeta>
    where TSpec : new()
{
    public string ApiVersion { get; set; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public V1ObjectMeta Metadata { get; set; } = new();

    public TSpec Spec { get; set; } = new();
}

/// <summary>cert-manager.io/v1 Issuer (self-signed or CA).</summary>
public sealed class Issuer : CustomResource<IssuerSpec>;

public sealed class IssuerSpec
{
    public Dictionary<string, object>? SelfSigned { get; set; }

    public CaIssuer? Ca { get; set; }
}

public sealed class CaIssuer
{
    public string SecretName { get; set; } = string.Empty;
}

/// <summary>cert-manager.io/v1 Certificate.</summary>
public sealed class Certificate : CustomResource<CertificateSpec>;

public sealed class CertificateSpec
{
    public bool IsCA { get; set; }

    public string? CommonName { get; set; }

    public string SecretName { get; set; } = string.Empty;

    public List<string> DnsNames { get; set; } = [];

    public string? Duration { get; set; }

    public string? RenewBefore { get; set; }

    public CertificatePrivateKey? PrivateKey { get; set; }

    public List<string> Usages { get; set; } = [];

    public IssuerReference IssuerRef { get; set; } = new();
}

public sealed class CertificatePrivateKey
{
    public string? Algorithm { get; set; }

    public int Size { get; set; }

    public string? RotationPolicy { get; set; }
}

public sealed class IssuerReference
{
    public string? Group { get; set; }

    public string Kind { get; set; } = string.Empty;

    public string Name { get; set; } = string.Empty;
}

/// <summary>monitoring.coreos.com/v1 ServiceMonitor.</summary>
public sealed class ServiceMonitor : CustomResource<ServiceMonitorSpec>;

public sealed class ServiceMonitorSpec
{
    public V1LabelSelector Selector { get; set; } = new();

    public NamespaceSelector? NamespaceSelector { get; set; }

    public List<ServiceMonitorEndpoint> Endpoints { get; set; } = [];
}

public sealed class NamespaceSelector
{
    public List<string> MatchNames { get; set; } = [];
}

public sealed class ServiceMonitorEndpoint
{
    public string Port { get; set; } = string.Empty;

    public string Path { get; set; } = string.Empty;

    public string? Interval { get; set; }

    public bool HonorLabels { get; set; }
}
/// <summary>monitoring.coreos.com/v1 PrometheusRule: groups of alerting rules.</summary>
public sealed class PrometheusRule : CustomResource<PrometheusRuleSpec>;

public sealed class PrometheusRuleSpec
{
    public List<RuleGroup> Groups { get; set; } = [];
}

public sealed class RuleGroup
{
    public string Name { get; set; } = string.Empty;

    public List<AlertingRule> Rules { get; set; } = [];
}

public sealed class AlertingRule
{
    public string Alert { get; set; } = string.Empty;

    public string Expr { get; set; } = string.Empty;

    public string? For { get; set; }

    public Dictionary<string, string> Labels { get; set; } = [];

    public Dictionary<string, string> Annotations { get; set; } = [];
}
#pragma warning restore CA2227
