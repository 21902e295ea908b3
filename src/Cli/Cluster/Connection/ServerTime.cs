using k8s;
using k8s.Autorest;
using NodaTime;

namespace Tarnfui.Cli.Cluster.Connection;

/// <summary>
/// The cluster's time: the <c>Date</c> header of the API server's answer to <c>GET /version</c> (kube-apiserver dates
/// every response, as any HTTP server must). The sweeper and the webhook decide with the cluster's clocks, so a command
/// that says what they will do must too: a workstation whose clock is off would otherwise explain the wrong side of a
/// transition.
/// </summary>
internal static class ServerTime
{
    /// <summary>The server's time, or <paramref name="fallback"/>'s when the answer carries no date.</summary>
    public static async Task<Instant> ReadAsync(IKubernetes client, IClock fallback, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(fallback);
        try
        {
            using var response = await client.Version.GetCodeWithHttpMessagesAsync(cancellationToken: cancellationToken);
            return DateOf(response.Response) ?? fallback.GetCurrentInstant();
        }
        catch (HttpOperationException e)
        {
            // A refusal of /version (it is public in every default RBAC, but a cluster may differ) is still dated.
            return DateOf(e.Response) ?? fallback.GetCurrentInstant();
        }
    }

    private static Instant? DateOf(HttpResponseMessage? response) =>
        response?.Headers.Date is { } date ? Instant.FromDateTimeOffset(date) : null;

    private static Instant? DateOf(HttpResponseMessageWrapper? response) =>
        response?.Headers is { } headers && headers.TryGetValue("Date", out var values) && values.FirstOrDefault() is { } text
            && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var date)
            ? Instant.FromDateTimeOffset(date)
            : null;
}
