namespace Tarnfui.Sweeper.Notifications;

/// <summary>
/// One HTTP body ready to send to one target, and its <c>Description</c> for the logs: the message's summary line,
/// never a URL or a header.
/// </summary>
internal sealed record OutgoingMessage(string Target, string ContentType, ReadOnlyMemory<byte> Body, string Description);
