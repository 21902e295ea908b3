using k8s;
using k8s.Models;

namespace Tarnfui.Emulator.Controllers;

/// <summary>A change the store reports: which object, of which kind, who controls it, and the resourceVersion of the write.</summary>
public sealed record ObjectChange(string Kind, string Namespace, string Name, V1OwnerReference? Controller, bool Deleted, long ResourceVersion)
{
    /// <summary>True when the change was dropped unparsed; it still counts as seen.</summary>
    public bool Ignored { get; init; }
}

/// <summary>
/// What the emulated controllers need from the store, in typed objects: read, write (writes carry the
/// object's resourceVersion as a precondition and report a conflict as false) and a change feed. Controller
/// writes go straight to the store, as a kube-controller-manager's would skip this sandbox's admission and
/// accounting (they are not API cost any client pays).
/// </summary>
public interface IControllerStore
{
    IReadOnlyList<T> List<T>(string ns)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    T? Read<T>(string ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Creates the object (the store sets uid, resourceVersion, creationTimestamp); false when the name is taken.</summary>
    bool Create<T>(T item)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Replaces spec and metadata; false on a resourceVersion conflict or when the object is gone.</summary>
    bool Replace<T>(T item)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>Replaces only the status (the <c>/status</c> subresource): generation is not bumped.</summary>
    bool ReplaceStatus<T>(T item)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    bool Delete<T>(string ns, string name)
        where T : class, IKubernetesObject<V1ObjectMeta>;

    /// <summary>The resourceVersion of the last committed write (of any kind).</summary>
    long ResourceVersion { get; }

    /// <summary>
    /// Calls <paramref name="onChange"/>, on one thread and in resourceVersion order, for every committed write of
    /// any kind (so that <see cref="ResourceVersion"/> can be caught up with).
    /// </summary>
    /// <remarks>Changes whose resourceVersion <paramref name="wanted"/> rejects are dropped before any parsing.</remarks>
    IDisposable Subscribe(Func<long, bool> wanted, Action<ObjectChange> onChange);
}
