using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// Reads a kubeconfig file into KubernetesClient's model by walking the YAML tree, field by field. KubernetesClient's
/// own reader cannot run in the native (AOT) sweeper: it orders properties by metadata token and creates collections
/// by reflection, neither of which a native image has. Covers what kubectl writes: clusters (server, CA file or data,
/// TLS server name, insecure-skip-tls-verify), users (token, client certificate and key as files or data, basic auth,
/// exec plugins, impersonation), contexts and the current context. Unknown fields are ignored, as client-go does.
/// </summary>
internal static class KubeconfigReader
{
    public static K8SConfiguration Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var text = File.OpenText(path);
        var configuration = Parse(text);
        configuration.FileName = Path.GetFullPath(path);
        return configuration;
    }

    public static K8SConfiguration Parse(TextReader text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var stream = new YamlStream();
        stream.Load(text);
        var root = stream.Documents.Count == 0 ? new YamlMappingNode() : stream.Documents[0].RootNode as YamlMappingNode
            ?? throw new FormatException("kubeconfig: the document is not a mapping");
        return new K8SConfiguration
        {
            ApiVersion = Scalar(root, "apiVersion"),
            Kind = Scalar(root, "kind"),
            CurrentContext = Scalar(root, "current-context"),
            Clusters = [.. Items(root, "clusters").Select(c => new Cluster { Name = Scalar(c, "name"), ClusterEndpoint = Map(c, "cluster") is { } e ? Endpoint(e) : null })],
            Users = [.. Items(root, "users").Select(u => new User { Name = Scalar(u, "name"), UserCredentials = Map(u, "user") is { } c ? Credentials(c) : null })],
            Contexts = [.. Items(root, "contexts").Select(c => new Context { Name = Scalar(c, "name"), ContextDetails = Map(c, "context") is { } d ? Details(d) : null })],
        };
    }

    private static ClusterEndpoint Endpoint(YamlMappingNode node) => new()
    {
        Server = Scalar(node, "server"),
        CertificateAuthority = Scalar(node, "certificate-authority"),
        CertificateAuthorityData = Scalar(node, "certificate-authority-data"),
        TlsServerName = Scalar(node, "tls-server-name"),
        SkipTlsVerify = Flag(node, "insecure-skip-tls-verify"),
    };

    private static UserCredentials Credentials(YamlMappingNode node) => new()
    {
        Token = Scalar(node, "token"),
        ClientCertificate = Scalar(node, "client-certificate"),
        ClientCertificateData = Scalar(node, "client-certificate-data"),
        ClientKey = Scalar(node, "client-key"),
        ClientKeyData = Scalar(node, "client-key-data"),
        UserName = Scalar(node, "username"),
        Password = Scalar(node, "password"),
        Impersonate = Scalar(node, "as"),
        ImpersonateGroups = Sequence(node, "as-groups")?.Children.Select(ScalarText).ToList(),
        ExternalExecution = Map(node, "exec") is { } exec ? Execution(exec) : null,
        AuthProvider = Map(node, "auth-provider") is { } provider
            ? new AuthProvider { Name = Scalar(provider, "name"), Config = Map(provider, "config") is { } config ? Strings(config) : null }
            : null,
    };

    private static ExternalExecution Execution(YamlMappingNode node) => new()
    {
        ApiVersion = Scalar(node, "apiVersion"),
        Command = Scalar(node, "command"),
        Arguments = Sequence(node, "args")?.Children.Select(ScalarText).ToList(),
        EnvironmentVariables = Sequence(node, "env")?.Children.OfType<YamlMappingNode>().Select(Strings).ToList(),
        InstallHint = Scalar(node, "installHint"),
        ProvideClusterInfo = Flag(node, "provideClusterInfo"),
    };

    private static ContextDetails Details(YamlMappingNode node) => new()
    {
        Cluster = Scalar(node, "cluster"),
        User = Scalar(node, "user"),
        Namespace = Scalar(node, "namespace"),
    };

    private static IEnumerable<YamlMappingNode> Items(YamlMappingNode node, string key) =>
        Sequence(node, key)?.Children.OfType<YamlMappingNode>() ?? [];

    private static YamlNode? Child(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var child) ? child : null;

    private static YamlMappingNode? Map(YamlMappingNode node, string key) => Child(node, key) as YamlMappingNode;

    private static YamlSequenceNode? Sequence(YamlMappingNode node, string key) => Child(node, key) as YamlSequenceNode;

    private static string? Scalar(YamlMappingNode node, string key) => Child(node, key) is YamlScalarNode { Value: { } value } && !IsNull(value) ? value : null;

    private static bool IsNull(string value) => value is "" or "~" or "null" or "Null" or "NULL";

    private static string ScalarText(YamlNode node) => (node as YamlScalarNode)?.Value ?? "";

    private static bool Flag(YamlMappingNode node, string key) =>
        Scalar(node, key) is { } value && bool.TryParse(value, out var flag) && flag;

    private static Dictionary<string, string> Strings(YamlMappingNode node) =>
        node.Children.Where(p => p.Key is YamlScalarNode { Value: not null })
            .ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ScalarText(p.Value), StringComparer.Ordinal);
}
