using k8s;
using k8s.Models;

namespace Tarnfui.Deploy.Tests.Infrastructure;

/// <summary>
/// The objects `kubectl kustomize` renders for one kustomization, or `helm template` for the chart, loaded strictly
/// into KubernetesClient types (an unknown field fails the load, as `kubectl apply --validate=strict` would).
/// </summary>
public sealed class RenderedManifests
{
    private static readonly Dictionary<string, Type> CustomTypes = new()
    {
        ["cert-manager.io/v1/Issuer"] = typeof(Issuer),
        ["cert-manager.io/v1/Certificate"] = typeof(Certificate),
        ["monitoring.coreos.com/v1/ServiceMonitor"] = typeof(ServiceMonitor),
        ["monitoring.coreos.com/v1/PrometheusRule"] = typeof(PrometheusRule),
    };

    private RenderedManifests(string yaml, IReadOnlyList<object> objects)
    {
        Yaml = yaml;
        Objects = objects;
    }

    public string Yaml { get; }

    public IReadOnlyList<object> Objects { get; }

    /// <summary>Renders <paramref name="kustomization"/> (a directory) with the real kubectl.</summary>
    public static async Task<RenderedManifests> RenderAsync(string kustomization)
    {
        var result = await ProcessRunner.RunAsync(
            "kubectl", ["kustomize", kustomization], TimeSpan.FromSeconds(60),
            environment: new Dictionary<string, string?> { ["KUBECONFIG"] = "/dev/null" });
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Describe($"kubectl kustomize {kustomization}"));
        }

        return Load(result.StandardOutput);
    }

    /// <summary>Loads the objects of a multi-document YAML stream strictly.</summary>
    public static RenderedManifests Load(string yaml) =>
        new(yaml, KubernetesYaml.LoadAllFromString(yaml, CustomTypes, strict: true));

    public IEnumerable<T> All<T>() => Objects.OfType<T>();

    /// <summary>The one object of type <typeparamref name="T"/> named <paramref name="name"/>.</summary>
    public T Named<T>(string name)
        where T : IMetadata<V1ObjectMeta>
    {
        var matches = Objects.OfType<T>().Where(o => o.Metadata.Name == name).ToList();
        matches.Count.ShouldBe(1, $"exactly one {typeof(T).Name} named {name} is rendered");
        return matches[0];
    }

    public V1Deployment Deployment(string name) => Named<V1Deployment>(name);

    public V1Container Container(string deployment) => Deployment(deployment).Spec.Template.Spec.Containers.ShouldHaveSingleItem();
}
