namespace Tarnfui.Sweeper.Tests.Notifications;

/// <summary>What the receiver was sent.</summary>
internal sealed record ReceivedRequest(string PathAndQuery, string ContentType, IReadOnlyDictionary<string, string> Headers, string Body);
