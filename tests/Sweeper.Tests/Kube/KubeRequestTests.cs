using Tarnfui.Sweeper.Kube;

namespace Tarnfui.Sweeper.Tests.Kube;

public class KubeRequestTests
{
    [Theory]
    [InlineData("GET", "/api/v1/pods?limit=500&fieldSelector=x", "list", "pods")]
    [InlineData("GET", "/api/v1/namespaces", "list", "namespaces")]
    [InlineData("GET", "/api/v1/namespaces?watch=true&resourceVersion=5", "watch", "namespaces")]
    [InlineData("GET", "/apis/apps/v1/namespaces/shop/replicasets/api-5d8", "get", "replicasets")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/shop/deployments/api", "patch", "deployments")]
    [InlineData("PATCH", "/apis/apps/v1/namespaces/shop/deployments/api/scale", "patch", "deployments/scale")]
    [InlineData("POST", "/apis/events.k8s.io/v1/namespaces/shop/events", "create", "events")]
    [InlineData("PUT", "/apis/coordination.k8s.io/v1/namespaces/tarnfui/leases/tarnfui-sweeper", "update", "leases")]
    [InlineData("GET", "/apis/apps/v1/deployments?labelSelector=a", "list", "deployments")]
    public void Verb_and_resource_are_read_from_method_and_path(string method, string path, string verb, string resource) =>
        KubeRequest.Of(new HttpMethod(method), new Uri("https://127.0.0.1:6443" + path)).ShouldBe(new KubeRequest(verb, resource));
}
