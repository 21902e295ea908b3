using System.Net;
using k8s;
using k8s.Autorest;
using Microsoft.Extensions.Options;
using Tarnfui.Sweeper.Configuration;

namespace Tarnfui.Sweeper.Kube;

/// <summary>
/// Whether the cluster serves an optional API, such as Argo Rollouts' <c>argoproj.io/v1alpha1</c> <c>rollouts</c>
/// or KEDA's <c>keda.sh/v1alpha1</c> <c>scaledobjects</c>, read from discovery rather than from a LIST that fails.
/// A group/version can be served without the resource (Argo Workflows serves <c>argoproj.io/v1alpha1</c> too), so
/// the answer comes from the group/version's resource list (<c>GET /apis/{group}/{version}</c>), a 404 meaning
/// that nothing of it is served.
/// </summary>
/// <remarks>
/// An answer is kept for <c>Sweeper:DiscoveryInterval</c> on the sweeper's monotonic clock and forgotten when a leader
/// term starts (<see cref="Forget"/>), so a CRD installed later is picked up without a restart while the sweeps in
/// between pay no request for it. The request goes through the sweeper's client, so it is rate-limited, retried and
/// counted like every other. A failure is "not known yet": the last answer stands (none means "not served"), it is
/// logged once until discovery answers again, and asked again after the interval; it never fails a sweep.
/// </remarks>
internal sealed partial class ServedApis(IKubernetes client, IOptions<SweeperOptions> options, TimeProvider time, ILogger<ServedApis> logger) : IDisposable
{
    private readonly TimeSpan _interval = options.Value.DiscoveryInterval;
    private readonly SemaphoreSlim _oneAtATime = new(1, 1);
    private readonly Dictionary<(string Group, string Version), Answer> _answers = [];
    private readonly HashSet<(string Group, string Version)> _failing = [];

    // Answers are kept per term without blocking the elector's callback: one from an earlier term is stale.
    private int _term;

    /// <summary>
    /// Whether <paramref name="plural"/> of <paramref name="group"/>/<paramref name="version"/> is served: from the
    /// answer kept, or from one discovery request when none is kept or it is older than the interval.
    /// </summary>
    public async ValueTask<bool> ServesAsync(string group, string version, string plural, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(group);
        ArgumentException.ThrowIfNullOrEmpty(version);
        ArgumentException.ThrowIfNullOrEmpty(plural);
        var key = (group, version);
        await _oneAtATime.WaitAsync(cancellationToken);
        try
        {
            if (!_answers.TryGetValue(key, out var answer) || answer.Term != Volatile.Read(ref _term) || time.GetElapsedTime(answer.AskedAt) >= _interval)
            {
                answer = await AskAsync(group, version, answer, cancellationToken);
                _answers[key] = answer;
            }

            return answer.Resources.Contains(plural);
        }
        finally
        {
            _oneAtATime.Release();
        }
    }

    /// <summary>Forgets every answer, so that the next question asks discovery: called when a leader term starts.</summary>
    public void Forget() => Interlocked.Increment(ref _term);

    public void Dispose() => _oneAtATime.Dispose();

    private async Task<Answer> AskAsync(string group, string version, Answer? last, CancellationToken cancellationToken)
    {
        var askedAt = time.GetTimestamp();
        var term = Volatile.Read(ref _term);
        try
        {
            HashSet<string> resources;
            try
            {
                using var response = await client.CustomObjects.GetAPIResourcesWithHttpMessagesAsync(group, version, cancellationToken: cancellationToken);
                resources = [.. response.Body.Resources.Select(r => r.Name)];
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
            {
                resources = [];
            }

            if (_failing.Remove((group, version)))
            {
                Answered(logger, group, version);
            }

            return new Answer(resources, askedAt, term);
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested && e is HttpOperationException or HttpRequestException or IOException or OperationCanceledException or System.Text.Json.JsonException)
        {
            if (_failing.Add((group, version)))
            {
                NotKnownYet(logger, group, version, _interval.TotalSeconds, e);
            }

            return new Answer(last?.Resources ?? new HashSet<string>(), askedAt, term);
        }
    }

    [LoggerMessage(120, LogLevel.Warning, "Discovery of {Group}/{Version} failed; what it serves is not known yet and is asked again in {IntervalSeconds} s")]
    private static partial void NotKnownYet(ILogger logger, string group, string version, double intervalSeconds, Exception exception);

    [LoggerMessage(121, LogLevel.Information, "Discovery of {Group}/{Version} answers again")]
    private static partial void Answered(ILogger logger, string group, string version);

    /// <summary>The resources (plurals and subresources) a group/version serves, and when (and in which term) discovery was asked.</summary>
    private sealed record Answer(IReadOnlySet<string> Resources, long AskedAt, int Term);
}
