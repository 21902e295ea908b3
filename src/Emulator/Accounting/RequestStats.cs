using System.Collections.Concurrent;

namespace Tarnfui.Emulator.Accounting;

/// <summary>
/// One request as the sandbox served it, kept in the bounded request log. <see cref="Sequence"/> numbers requests in
/// the order they arrived, so a watch that began before some moment stays out of what came after it, however late it
/// ends (it is logged when it ends, with its status and bytes). <see cref="Query"/> is the raw query string, e.g.
/// <c>?limit=500&amp;continue=…</c>.
/// </summary>
public sealed record RequestRecord(long Sequence, string Verb, string Method, string Path, string Query, string Resource, string? Namespace, string User, int Code, long Bytes)
{
    /// <summary>The value of query parameter <paramref name="name"/>, or null.</summary>
    public string? QueryValue(string name) =>
        Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(Query).TryGetValue(name, out var value) ? value.ToString() : null;
}

/// <summary>Request and byte counts for one (verb, resource, user, code) combination.</summary>
public sealed record RequestCount(string Verb, string Resource, string User, int Code, long Requests, long Bytes);

/// <summary>A copy of the counters at one moment; sums by verb, resource and user for convenience.</summary>
public sealed record RequestStatsSnapshot(IReadOnlyList<RequestCount> Counts)
{
    public long Requests => Counts.Sum(c => c.Requests);

    public long Bytes => Counts.Sum(c => c.Bytes);

    public IReadOnlyDictionary<string, long> RequestsByVerb => Counts.GroupBy(c => c.Verb).ToDictionary(g => g.Key, g => g.Sum(c => c.Requests));

    public IReadOnlyDictionary<string, long> RequestsByResource => Counts.GroupBy(c => c.Resource).ToDictionary(g => g.Key, g => g.Sum(c => c.Requests));

    public IReadOnlyDictionary<string, long> RequestsByUser => Counts.GroupBy(c => c.User).ToDictionary(g => g.Key, g => g.Sum(c => c.Requests));

    /// <summary>Requests that match every given filter (null = any).</summary>
    public long Count(string? verb = null, string? resource = null, string? user = null, int? code = null) =>
        Counts.Where(c => (verb is null || c.Verb == verb) && (resource is null || c.Resource == resource) && (user is null || c.User == user) && (code is null || c.Code == code))
            .Sum(c => c.Requests);
}

/// <summary>
/// Counts requests and response bytes served by the sandbox, by verb, resource (with subresource), client
/// identity and status code, and keeps the last <see cref="LogCapacity"/> requests to end so tests can assert API
/// cost (verb, path, <c>limit</c>, <c>continue</c>). A request is numbered when it arrives (<see cref="Arrive"/>) and
/// logged when it ends (<see cref="Record"/>): what a client did after a moment is what is numbered above
/// <see cref="LastSequence"/> read at that moment. Between the start of its stream and its end a watch is
/// <see cref="Open"/>. Thread-safe; <see cref="Reset"/> clears the counts and the log.
/// </summary>
public sealed class RequestStats
{
    private readonly ConcurrentDictionary<(string Verb, string Resource, string User, int Code), Counter> _counts = new();
    private readonly ConcurrentQueue<RequestRecord> _log = new();
    private readonly ConcurrentDictionary<long, RequestRecord> _open = new();
    private long _sequence;
    private long _lastDropped;

    public RequestStats(int logCapacity = 100_000) => LogCapacity = logCapacity;

    /// <summary>How many requests the log keeps; older ones are dropped first.</summary>
    public int LogCapacity { get; }

    /// <summary>The number given to the latest request to arrive (0 before any): later ones are numbered above it.</summary>
    public long LastSequence => Interlocked.Read(ref _sequence);

    /// <summary>The highest number among the requests the log has dropped to keep its capacity (0 if none).</summary>
    public long LastDropped => Interlocked.Read(ref _lastDropped);

    /// <summary>Numbers a request as it arrives; pass the number to <see cref="Record"/> when it ends.</summary>
    public long Arrive() => Interlocked.Increment(ref _sequence);

    /// <summary>
    /// A watch's stream has begun (its status and headers are on their way) and goes on until <see cref="Record"/> ends
    /// it. Shown by <see cref="Open"/>, with no bytes counted yet.
    /// </summary>
    public void Begin(long sequence, RequestInfo info, string method, string path, string query, string user, int code) =>
        _open[sequence] = Of(sequence, info, method, path, query, user, code, 0);

    public void Record(long sequence, RequestInfo info, string method, string path, string query, string user, int code, long bytes)
    {
        var record = Of(sequence, info, method, path, query, user, code, bytes);
        _open.TryRemove(sequence, out _);
        var counter = _counts.GetOrAdd((info.Verb, info.ResourceKey, user, code), _ => new Counter());
        Interlocked.Increment(ref counter.Requests);
        Interlocked.Add(ref counter.Bytes, bytes);
        _log.Enqueue(record);
        while (_log.Count > LogCapacity && _log.TryDequeue(out var dropped))
        {
            for (var last = LastDropped; dropped.Sequence > last; last = LastDropped)
            {
                if (Interlocked.CompareExchange(ref _lastDropped, dropped.Sequence, last) == last)
                {
                    break;
                }
            }
        }
    }

    public RequestStatsSnapshot Snapshot() =>
        new(_counts.Select(p => new RequestCount(p.Key.Verb, p.Key.Resource, p.Key.User, p.Key.Code, Interlocked.Read(ref p.Value.Requests), Interlocked.Read(ref p.Value.Bytes)))
            .Where(c => c.Requests > 0)
            .OrderBy(c => c.Verb, StringComparer.Ordinal).ThenBy(c => c.Resource, StringComparer.Ordinal).ThenBy(c => c.User, StringComparer.Ordinal).ThenBy(c => c.Code)
            .ToList());

    /// <summary>The watches whose streams have begun and not ended, in the order they arrived.</summary>
    public IReadOnlyList<RequestRecord> Open() => [.. _open.Values.OrderBy(r => r.Sequence)];

    /// <summary>The logged requests, in the order they ended.</summary>
    public IReadOnlyList<RequestRecord> Requests() => [.. _log];

    private static RequestRecord Of(long sequence, RequestInfo info, string method, string path, string query, string user, int code, long bytes)
    {
        ArgumentNullException.ThrowIfNull(info);
        return new RequestRecord(sequence, info.Verb, method, path, query, info.ResourceKey, info.Namespace, user, code, bytes);
    }

    public void Reset()
    {
        _counts.Clear();
        _log.Clear();
    }

    private sealed class Counter
    {
        public long Requests;
        public long Bytes;
    }
}
