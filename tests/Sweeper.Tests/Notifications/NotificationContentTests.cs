using System.Text.Json.Nodes;
using Tarnfui.Core;
using Tarnfui.Sweeper.Notifications;
using Tarnfui.Sweeper.Tests.Integration;
using Tarnfui.Testing;

namespace Tarnfui.Sweeper.Tests.Notifications;

/// <summary>
/// What a night tells a receiver: one call per sweep (never one per workload), CloudEvents that satisfy the CloudEvents
/// schema and Tarnfui's documented data, a Slack body of the documented blocks, and the namespace's own choice of
/// target through <c>tarnfui.io/notify</c>.
/// </summary>
[Collection("Sandbox")]
public class NotificationContentTests(SweeperSandbox sandbox)
{
    [Fact]
    public async Task The_evening_and_the_morning_each_send_one_cloudevent_summarising_every_workload()
    {
        var ns = await sandbox.NamespaceAsync("notify-night");
        await sandbox.DeploymentAsync(ns, "api", 2);
        await sandbox.DeploymentAsync(ns, "web", 1);
        await sandbox.StatefulSetAsync(ns, "db", 1);
        await sandbox.SettledAsync();
        await using var receiver = await Receiver.StartAsync();
        await using var sweeper = NotifyingSweeper.Create(sandbox, receiver.Url, [ns]);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        (await sweeper.SweepAsync()).Stopped.Count(w => w.Namespace == ns).ShouldBe(3);
        await Eventually.UntilAsync(() => sweeper.Count(DeliveryResult.Delivered) == 1, "the evening's message is delivered");
        var evening = receiver.Requests.ShouldHaveSingleItem("one call for the three workloads");
        evening.ContentType.ShouldBe(CloudEventsFormat.ContentType);
        Schemas.ShouldBeTarnfuiCloudEvent(evening.Body);
        var stopped = JsonNode.Parse(evening.Body)!;
        stopped["type"]!.GetValue<string>().ShouldBe("io.tarnfui.stopped");
        stopped["data"]!["workloads"]!.GetValue<int>().ShouldBe(3);
        stopped["data"]!["replicas"]!.GetValue<int>().ShouldBe(4);
        stopped["data"]!["summary"]!.GetValue<string>().ShouldStartWith("stopped 3 workloads in 1 namespace, 4 replicas, ");
        stopped["data"]!["items"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).Order().ShouldBe(["api", "db", "web"]);

        sandbox.Server.Clock.SetTo(SweeperSandbox.Morning);
        (await sweeper.SweepAsync()).Restored.Count(w => w.Namespace == ns).ShouldBe(3);
        await Eventually.UntilAsync(() => sweeper.Count(DeliveryResult.Delivered) == 2, "the morning's message is delivered");
        receiver.Requests.Count.ShouldBe(2);
        var morning = receiver.Requests.Last();
        Schemas.ShouldBeTarnfuiCloudEvent(morning.Body);
        JsonNode.Parse(morning.Body)!["type"]!.GetValue<string>().ShouldBe("io.tarnfui.restored");
        JsonNode.Parse(morning.Body)!["id"]!.GetValue<string>().ShouldNotBe(stopped["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_slack_target_gets_one_message_of_blocks_listing_the_workloads()
    {
        var ns = await sandbox.NamespaceAsync("notify-slack");
        await sandbox.DeploymentAsync(ns, "api", 1);
        await sandbox.SettledAsync();
        await using var receiver = await Receiver.StartAsync();
        await using var sweeper = NotifyingSweeper.Create(sandbox, receiver.Url, [ns], null, "--Notifications:Targets:0:Format=slack");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();
        await Eventually.UntilAsync(() => sweeper.Count(DeliveryResult.Delivered) == 1, "the Slack message is delivered");
        var message = receiver.Requests.ShouldHaveSingleItem();
        message.ContentType.ShouldStartWith("application/json");
        Schemas.ShouldBeSlackMessage(message.Body);
        Schemas.IsCloudEvent(message.Body).ShouldBeFalse("the Slack body is no CloudEvent: the schema can tell them apart");
        var body = JsonNode.Parse(message.Body)!;
        body["text"]!.GetValue<string>().ShouldContain("stopped 1 workload in 1 namespace");
        body["blocks"]!.AsArray().Last()!["text"]!["text"]!.GetValue<string>().ShouldContain($"{ns}/Deployment/api");
    }

    [Fact]
    public async Task A_namespace_naming_a_target_is_told_to_that_target_alone()
    {
        var mine = await sandbox.NamespaceAsync("notify-mine");
        var theirs = await sandbox.NamespaceAsync("notify-theirs", new Dictionary<string, string> { [WellKnown.Annotations.Notify] = "ops" });
        await sandbox.DeploymentAsync(mine, "api", 1);
        await sandbox.DeploymentAsync(theirs, "api", 1);
        await sandbox.SettledAsync();
        await using var team = await Receiver.StartAsync();
        await using var ops = await Receiver.StartAsync();
        // "team" filters on both namespaces, "ops" on none of them: the annotation moves "theirs" from one to the other.
        await using var sweeper = NotifyingSweeper.Create(sandbox, team.Url, [mine, theirs], null,
            "--Notifications:Targets:1:Name=ops", $"--Notifications:Targets:1:Url={ops.Url}", "--Notifications:Targets:1:Namespaces:0=elsewhere");

        sandbox.Server.Clock.SetTo(SweeperSandbox.Evening);
        await sweeper.SweepAsync();
        await Eventually.UntilAsync(() => sweeper.Count(DeliveryResult.Delivered) == 1 && sweeper.Count(DeliveryResult.Delivered, "ops") == 1, "both targets are told");
        Namespaces(team).ShouldBe([mine]);
        Namespaces(ops).ShouldBe([theirs]);
    }

    private static string[] Namespaces(Receiver receiver) =>
        [.. JsonNode.Parse(receiver.Requests.ShouldHaveSingleItem().Body)!["data"]!["items"]!.AsArray().Select(i => i!["namespace"]!.GetValue<string>()).Distinct()];
}
