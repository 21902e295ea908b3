using System.Xml.Linq;
using k8s.Models;

namespace Tarnfui.Sweeper.Tests.Kube;

/// <summary>
/// The native sweeper keeps only the KubernetesClient models listed in <c>src/Sweeper/TrimmerRoots.xml</c>; one
/// missing would lose its members to the trimmer and come back from JSON silently empty. The list must hold every
/// model the sweeper's calls (Kube/KubeApi, the leader election's Lease) send or receive, and every model those
/// reach through their properties.
/// </summary>
public sealed class TrimmerRootsTests
{
    // What the sweeper's calls send or receive: pod, Deployment, StatefulSet and namespace lists (and their watch
    // events), ReplicaSet, Deployment and StatefulSet reads and patches, Events, the Lease, and error Statuses.
    private static readonly Type[] Roots =
    [
        typeof(V1PodList), typeof(V1DeploymentList), typeof(V1StatefulSetList), typeof(V1NamespaceList), typeof(V1ReplicaSet),
        typeof(Eventsv1Event), typeof(V1Lease), typeof(V1Status), typeof(V1Patch),
    ];

    [Fact]
    public void Every_model_the_sweeper_serialises_and_everything_they_reach_is_kept()
    {
        var kept = Kept();

        var missing = Closure().Where(t => !kept.Contains(Name(t))).Select(Name).ToList();

        missing.ShouldBeEmpty("add these to src/Sweeper/TrimmerRoots.xml");
    }

    [Fact]
    public void Nothing_is_kept_that_no_root_reaches()
    {
        var reached = Closure().Select(Name).Append("k8s.Watcher`1/WatchEvent").Append("k8s.WatchEventType").ToHashSet(StringComparer.Ordinal);

        Kept().Where(t => !reached.Contains(t)).ShouldBeEmpty("each kept type costs resident memory in the native sweeper");
    }

    private static HashSet<string> Kept()
    {
        var path = Path.Combine(Repository(), "src", "Sweeper", "TrimmerRoots.xml");
        return XDocument.Load(path).Descendants("type").Select(t => t.Attribute("fullname")!.Value).ToHashSet(StringComparer.Ordinal);
    }

    private static HashSet<Type> Closure()
    {
        var models = typeof(V1Pod).Assembly;
        var seen = new HashSet<Type>();
        var pending = new Queue<Type>(Roots);
        while (pending.TryDequeue(out var type))
        {
            if (type.IsArray)
            {
                pending.Enqueue(type.GetElementType()!);
            }
            else if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    pending.Enqueue(argument);
                }
            }
            else if (type.Assembly == models && seen.Add(type))
            {
                foreach (var property in type.GetProperties())
                {
                    pending.Enqueue(property.PropertyType);
                }
            }
        }

        return seen;
    }

    private static string Name(Type type) => type.FullName!.Replace('+', '/');

    private static string Repository()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Tarnfui.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("Tarnfui.sln not found above " + AppContext.BaseDirectory);
    }
}
