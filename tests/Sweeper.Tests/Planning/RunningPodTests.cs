using k8s.Models;
using Tarnfui.Sweeper.Planning;

namespace Tarnfui.Sweeper.Tests.Planning;

public class RunningPodTests
{
    [Fact]
    public void A_pod_keeps_its_namespace_its_controller_and_whether_it_is_being_deleted()
    {
        var deleting = Pods.Owned("shop", "api-1", "ReplicaSet", "api-5d8", "rs-api");
        deleting.DeletionTimestamp = new DateTime(2026, 12, 6, 19, 0, 0, DateTimeKind.Utc);

        RunningPod.Of(deleting).ShouldBe(new RunningPod("shop", new OwnerRef("ReplicaSet", "shop", "api-5d8", "rs-api"), Terminating: true));
        RunningPod.Of(Pods.Owned("shop", "db-0", "StatefulSet", "db", "sts-db")).ShouldBe(new RunningPod("shop", new OwnerRef("StatefulSet", "shop", "db", "sts-db"), false));
        RunningPod.Of(Pods.Bare("shop", "debug")).ShouldBe(new RunningPod("shop", null, false));
        RunningPod.Of(Pods.Owned("shop", "agent-x", "DaemonSet", "agent", "ds")).Controller.ShouldBeNull("a controller the walk does not follow is none");
        RunningPod.Of(new V1ObjectMeta { Name = "nowhere" }).Namespace.ShouldBeNull();
    }

    [Fact]
    public void The_namespace_is_the_pools_instance()
    {
        var first = RunningPod.Of(Pods.Bare(new string("shop".AsSpan()), "a"));
        var second = RunningPod.Of(Pods.Bare(new string("shop".AsSpan()), "b"));

        ReferenceEquals(first.Namespace, second.Namespace).ShouldBeTrue();
    }

    [Fact]
    public void A_page_keeps_its_order_and_one_controller_per_replica_set()
    {
        var page = RunningPod.Page(
        [
            Pods.Owned("shop", "web-1", "ReplicaSet", "web-7f9", "rs-web"),
            Pods.Owned("shop", "api-1", "ReplicaSet", "api-5d8", "rs-api"),
            Pods.Bare("shop", "debug"),
            Pods.Owned("shop", "web-2", "ReplicaSet", "web-7f9", "rs-web"),
        ]);

        page.Select(p => p.Controller?.Uid).ShouldBe(["rs-web", "rs-api", null, "rs-web"]);
        ReferenceEquals(page[0].Controller, page[3].Controller).ShouldBeTrue("the pods of one ReplicaSet share its reference");
        ReferenceEquals(page[0].Controller, page[1].Controller).ShouldBeFalse();
    }

    [Fact]
    public void Pods_of_one_uid_under_different_names_are_not_merged()
    {
        // Not what an API server sends; the page still reports each pod's own controller.
        var page = RunningPod.Page([Pods.Owned("shop", "a", "ReplicaSet", "one", "same-uid"), Pods.Owned("shop", "b", "ReplicaSet", "two", "same-uid")]);

        page.Select(p => p.Controller!.Name).ShouldBe(["one", "two"]);
    }
}
