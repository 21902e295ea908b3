using k8s;
using k8s.Exceptions;

namespace Tarnfui.Kube;

/// <summary>
/// Where the webhook's and the sweeper's client configuration comes from, in client-go's order: the first file of
/// <c>KUBECONFIG</c> that exists, else <c>~/.kube/config</c>, else the in-cluster service account (how the image runs).
/// The kubeconfig is read by <see cref="KubeconfigReader"/>, which works in the native build where KubernetesClient's
/// reader cannot.
/// </summary>
public static class ClientConfiguration
{
    public static KubernetesClientConfiguration Load() => Load(Environment.GetEnvironmentVariable("KUBECONFIG"), DefaultKubeconfig());

    /// <summary>
    /// <see cref="Load()"/>, or null when it fails: for a program that reads the configuration early (to decide on
    /// <see cref="MachineTrustStore"/>) and leaves the failure to the host, which loads it again and reports it as it
    /// always has.
    /// </summary>
    public static KubernetesClientConfiguration? TryLoad()
    {
        try
        {
            return Load();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            return null;
        }
    }

    public static KubernetesClientConfiguration Load(string? kubeconfigVariable, string defaultPath)
    {
        var path = kubeconfigVariable?.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries).FirstOrDefault(File.Exists)
            ?? (File.Exists(defaultPath) ? defaultPath : null);
        if (path is not null)
        {
            return KubernetesClientConfiguration.BuildConfigFromConfigObject(KubeconfigReader.Read(path));
        }

        if (KubernetesClientConfiguration.IsInCluster())
        {
            return KubernetesClientConfiguration.InClusterConfig();
        }

        throw new KubeConfigException(
            $"No Kubernetes client configuration: KUBECONFIG names no existing file ({kubeconfigVariable ?? "unset"}), {defaultPath} does not exist, and this is not a pod (KUBERNETES_SERVICE_HOST unset)");
    }

    private static string DefaultKubeconfig() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".kube", "config");
}
