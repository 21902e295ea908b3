using k8s;
using k8s.Exceptions;
using k8s.KubeConfigModels;
using Tarnfui.Core;

namespace Tarnfui.Cli.Cluster.Connection;

/// <summary>
/// Finds the kubeconfig the way kubectl does: <c>--kubeconfig</c>, else every existing file listed in
/// <c>$KUBECONFIG</c> (merged, first wins), else <c>~/.kube/config</c>, else the in-cluster service account.
/// </summary>
internal static class KubeconfigResolver
{
    public static ParseResult<KubernetesClientConfiguration> Resolve(string? kubeconfig, string? context, ClusterEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        List<FileInfo> files;
        if (!string.IsNullOrWhiteSpace(kubeconfig))
        {
            if (!File.Exists(kubeconfig))
            {
                return ParseResult<KubernetesClientConfiguration>.Fail($"kubeconfig \"{kubeconfig}\" (from --kubeconfig) does not exist");
            }

            files = [new FileInfo(kubeconfig)];
        }
        else if (environment.Variable("KUBECONFIG") is { Length: > 0 } list)
        {
            files = [.. list.Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(File.Exists).Select(p => new FileInfo(p))];
            if (files.Count == 0)
            {
                return ParseResult<KubernetesClientConfiguration>.Fail($"no kubeconfig: none of the files in KUBECONFIG=\"{list}\" exists");
            }
        }
        else if (environment.Home is { Length: > 0 } home && File.Exists(Path.Combine(home, ".kube", "config")))
        {
            files = [new FileInfo(Path.Combine(home, ".kube", "config"))];
        }
        else if (environment.Variable("KUBERNETES_SERVICE_HOST") is { Length: > 0 } && KubernetesClientConfiguration.IsInCluster())
        {
            return ParseResult<KubernetesClientConfiguration>.Ok(KubernetesClientConfiguration.InClusterConfig());
        }
        else
        {
            return ParseResult<KubernetesClientConfiguration>.Fail("no kubeconfig found: pass --kubeconfig FILE, set KUBECONFIG, or create ~/.kube/config");
        }

        try
        {
            var merged = Merge(files.Select(f => KubernetesClientConfiguration.LoadKubeConfig(f)).ToList());
            return ParseResult<KubernetesClientConfiguration>.Ok(KubernetesClientConfiguration.BuildConfigFromConfigObject(merged, string.IsNullOrWhiteSpace(context) ? null : context));
        }
        catch (KubeConfigException e)
        {
            return ParseResult<KubernetesClientConfiguration>.Fail($"kubeconfig {string.Join(Path.PathSeparator, files.Select(f => f.FullName))}: {e.Message}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or YamlDotNet.Core.YamlException)
        {
            return ParseResult<KubernetesClientConfiguration>.Fail($"kubeconfig {string.Join(Path.PathSeparator, files.Select(f => f.FullName))} cannot be read: {e.Message}");
        }
    }

    // kubectl's merge of a KUBECONFIG list: the first file to define a name (or current-context) wins. Each file was
    // loaded on its own first, so relative certificate paths resolve against its own directory.
    private static K8SConfiguration Merge(IReadOnlyList<K8SConfiguration> configs)
    {
        static List<T> FirstByName<T>(IEnumerable<IEnumerable<T>?> lists, Func<T, string?> name) =>
            [.. lists.SelectMany(l => l ?? []).GroupBy(i => name(i) ?? string.Empty, StringComparer.Ordinal).Select(g => g.First())];

        return new K8SConfiguration
        {
            CurrentContext = configs.Select(c => c.CurrentContext).FirstOrDefault(c => !string.IsNullOrEmpty(c)),
            Clusters = FirstByName(configs.Select(c => c.Clusters), c => c.Name),
            Users = FirstByName(configs.Select(c => c.Users), u => u.Name),
            Contexts = FirstByName(configs.Select(c => c.Contexts), c => c.Name),
        };
    }
}
