namespace Tarnfui.Emulator.Store;

/// <summary>
/// One kind of object the sandbox serves, with everything discovery, routing and tables need to know about it.
/// </summary>
public sealed record ResourceType(
    string Group,
    string Version,
    string Kind,
    string Plural,
    string Singular,
    bool Namespaced,
    IReadOnlyList<string> ShortNames,
    IReadOnlyList<string> Subresources,
    IReadOnlyList<string> Categories,
    CustomResourceInfo? Custom = null)
{
    /// <summary>The verbs of the main resource, as discovery lists them.</summary>
    public static readonly IReadOnlyList<string> AllVerbs =
        ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary><c>apps/v1</c>, or <c>v1</c> for the legacy core group.</summary>
    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary><c>DeploymentList</c>.</summary>
    public string ListKind => Kind + "List";

    /// <summary>The name kube-apiserver uses in messages: <c>deployments.apps</c>, <c>pods</c>.</summary>
    public string QualifiedResource => Group.Length == 0 ? Plural : $"{Plural}.{Group}";

    /// <summary>True when the type has the <c>/scale</c> subresource.</summary>
    public bool HasScale => Subresources.Contains("scale");

    /// <summary>True when the type has the <c>/status</c> subresource.</summary>
    public bool HasStatus => Subresources.Contains("status");

    /// <summary>True when a CustomResourceDefinition defines the type.</summary>
    public bool IsCustom => Custom is not null;

    /// <summary>Everything that makes two registrations of a type serve the same thing (lists compared by content).</summary>
    public string Shape => string.Join('|', ApiVersion, Kind, Plural, Singular, Namespaced, string.Join(',', ShortNames),
        string.Join(',', Subresources), string.Join(',', Categories), Custom);

    public override string ToString() => QualifiedResource;
}
