using System.Text;

namespace Tarnfui.Emulator.Server;

/// <summary>
/// A kubeconfig for one sandbox user: cluster with <c>certificate-authority-data</c>, user with a bearer token,
/// one context made current. Readable by kubectl and KubernetesClientConfiguration.BuildConfigFromConfigFile.
/// </summary>
public static class Kubeconfig
{
    public const string ClusterName = "tarnfui-sandbox";

    public static string Render(Uri server, string caBundle, string user, string token, string defaultNamespace = "default")
    {
        var yaml = new StringBuilder();
        yaml.AppendLine("apiVersion: v1");
        yaml.AppendLine("kind: Config");
        yaml.AppendLine("clusters:");
        yaml.AppendLine($"- name: {Quote(ClusterName)}");
        yaml.AppendLine("  cluster:");
        yaml.AppendLine($"    server: {Quote(server.ToString().TrimEnd('/'))}");
        yaml.AppendLine($"    certificate-authority-data: {Quote(caBundle)}");
        yaml.AppendLine("users:");
        yaml.AppendLine($"- name: {Quote(user)}");
        yaml.AppendLine("  user:");
        yaml.AppendLine($"    token: {Quote(token)}");
        yaml.AppendLine("contexts:");
        yaml.AppendLine($"- name: {Quote(ClusterName)}");
        yaml.AppendLine("  context:");
        yaml.AppendLine($"    cluster: {Quote(ClusterName)}");
        yaml.AppendLine($"    user: {Quote(user)}");
        yaml.AppendLine($"    namespace: {Quote(defaultNamespace)}");
        yaml.AppendLine($"current-context: {Quote(ClusterName)}");
        yaml.AppendLine("preferences: {}");
        return yaml.ToString();
    }

    // Double-quoted YAML scalars: user names carry ':' (system:serviceaccount:...).
    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
