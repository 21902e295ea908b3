using k8s.KubeConfigModels;
using YamlDotNet.RepresentationModel;

namespace Tarnfui.Kube;

/// <summary>
/// Reads a kubeconfig file into KubernetesClient's model by walking the YAML node tree. KubernetesClient's own reader
/// (KubernetesYaml) cannot run in the native webhook and sweeper: its YAML deserializer orders properties by metadata
/// token and creates collections by reflection, and a native executable has neither. Reads what kubectl writes:
/// clusters (server, CA file or data, TLS server name, insecure-skip-tls-verify), users (token, client certificate and
/// key as files or data, basic auth, exec plugins, auth providers, impersonation), contexts and the current context.
/// Unknown fields are ignored, as client-go ignores them.
/// </summary>
public static class KubeconfigReader
{
    public static K8SConfiguration Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        using var text = File.OpenText(path);
        var configuration = Parse(text);
        // KubernetesClient resolves relative certificate paths against the file's folder.
        configuration.FileName = Path.GetFullPath(path);
        return configuration;
    }

    public static K8SConfiguration Parse(TextReader text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var yaml = new YamlStream();
        yaml.Load(text);
        var root = yaml.Documents.Count == 0
            ? new YamlMappingNode()
            : yaml.Documents[0].RootNode as YamlMappingNode ?? throw new FormatException("kubeconfig: the document is not a YAML mapping");
        return new K8SConfiguration
        {
            ApiVersion = Text(root, "apiVersion"),
            Kind = Text(root, "kind"),
            CurrentContext = Text(root, "current-context"),
            Clusters = [.. Entries(root, "clusters").Select(e => new Cluster { Name = Text(e, "name"), ClusterEndpoint = Mapping(e, "cluster") is { } c ? Endpoint(c) : null })],
            Users = [.. Entries(root, "users").Select(e => new User { Name = Text(e, "name"), UserCredentials = Mapping(e, "user") is { } u ? Credentials(u) : null })],
            Contexts = [.. Entries(root, "contexts").Select(e => new Context { Name = Text(e, "name"), ContextDetails = Mapping(e, "context") is { } c ? Details(c) : null })],
        };
    }

    private static ClusterEndpoint Endpoint(YamlMappingNode cluster) => new()
    {
        Server = Text(cluster, "server"),
        CertificateAuthority = Text(cluster, "certificate-authority"),
        CertificateAuthorityData = Text(cluster, "certificate-authority-data"),
        TlsServerName = Text(cluster, "tls-server-name"),
        SkipTlsVerify = IsTrue(cluster, "insecure-skip-tls-verify"),
    };

    private static UserCredentials Credentials(YamlMappingNode user) => new()
    {
        Token = Text(user, "token"),
        ClientCertificate = Text(user, "client-certificate"),
        ClientCertificateData = Text(user, "client-certificate-data"),
        ClientKey = Text(user, "client-key"),
        ClientKeyData = Text(user, "client-key-data"),
        UserName = Text(user, "username"),
        Password = Text(user, "password"),
        Impersonate = Text(user, "as"),
        ImpersonateGroups = Items(user, "as-groups")?.Select(ItemText).ToList(),
        ExternalExecution = Mapping(user, "exec") is { } exec ? Execution(exec) : null,
        AuthProvider = Mapping(user, "auth-provider") is { } provider
            ? new AuthProvider { Name = Text(provider, "name"), Config = Mapping(provider, "config") is { } config ? Pairs(config) : null }
            : null,
    };

    private static ExternalExecution Execution(YamlMappingNode exec) => new()
    {
        ApiVersion = Text(exec, "apiVersion"),
        Command = Text(exec, "command"),
        Arguments = Items(exec, "args")?.Select(ItemText).ToList(),
        EnvironmentVariables = Items(exec, "env")?.OfType<YamlMappingNode>().Select(Pairs).ToList(),
        InstallHint = Text(exec, "installHint"),
        ProvideClusterInfo = IsTrue(exec, "provideClusterInfo"),
    };

    private static ContextDetails Details(YamlMappingNode context) => new()
    {
        Cluster = Text(context, "cluster"),
        User = Text(context, "user"),
        Namespace = Text(context, "namespace"),
    };

    private static IEnumerable<YamlMappingNode> Entries(YamlMappingNode node, string key) => Items(node, key)?.OfType<YamlMappingNode>() ?? [];

    private static YamlNode? Value(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private static YamlMappingNode? Mapping(YamlMappingNode node, string key) => Value(node, key) as YamlMappingNode;

    private static IList<YamlNode>? Items(YamlMappingNode node, string key) => (Value(node, key) as YamlSequenceNode)?.Children;

    // YAML's null spellings read as absent, as a typed deserializer reads them.
    private static string? Text(YamlMappingNode node, string key) =>
        Value(node, key) is YamlScalarNode { Value: { } text } && text is not ("" or "~" or "null" or "Null" or "NULL") ? text : null;

    private static string ItemText(YamlNode node) => (node as YamlScalarNode)?.Value ?? "";

    private static bool IsTrue(YamlMappingNode node, string key) => bool.TryParse(Text(node, key), out var value) && value;

    private static Dictionary<string, string> Pairs(YamlMappingNode node) =>
        node.Children.Where(p => p.Key is YamlScalarNode { Value: not null })
            .ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ItemText(p.Value), StringComparer.Ordinal);
}
