using System.Collections.Concurrent;

namespace Tarnfui.Emulator.Accounting;

/// <summary>
/// One request as the sandbox served it, kept in the bounded request log. <see cref="Query"/> is the raw
/// query string, e.g. <c>?limit=500&amp;continue=…</c>.
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
/// identity and status code, and keeps the last <see cref="LogCapacity"/> requests so tests can assert API
/// cost (verb, path, <c>limit</c>, <c>continue</c>). Thread-safe; <see cref="Reset"/> clears both.
/// </summary>
public sealed class RequestStats
{
    private readonly ConcurrentDictionary<(string Verb, string Resource, string User, int Code), Counter> _counts = new();
    private readonly ConcurrentQueue<RequestRecord> _log = new();
    private long _sequence;

    public RequestStats(int logCapacity = 100_000) => LogCapacity = logCapacity;

    /// <summary>How many requests the log keeps; older ones are dropped first.</summary>
    public int LogCapacity { get; }

    public void Record(RequestInfo info, string method, string path, string query, string user, int code, long bytes)
    {
        ArgumentNullException.ThrowIfNull(info);
        var counter = _counts.GetOrAdd((info.Verb, info.ResourceKey, user, code), _ => new Counter());
        Interlocked.Increment(ref counter.Requests);
        Interlocked.Add(ref counter.Bytes, bytes);
        _log.Enqueue(new RequestRecord(Interlocked.Increment(ref _sequence), info.Verb, method, path, query, info.ResourceKey, info.Namespace, user, code, bytes));
        while (_log.Count > LogCapacity && _log.TryDequeue(out _))
        {
        }
    }

    public RequestStatsSnapshot Snapshot() =>
        new(_counts.Select(p => new RequestCount(p.Key.Verb, p.Key.Resource, p.Key.User, p.Key.Code, Interlocked.Read(ref p.Value.Requests), Interlocked.Read(ref p.Value.Bytes)))
            .Where(c => c.Requests > 0)
            .OrderBy(c => c.Verb, StringComparer.Ordinal).ThenBy(c => c.Resource, StringComparer.Ordinal).ThenBy(c => c.User, StringComparer.Ordinal).ThenBy(c => c.Code)
            .ToList());

    /// <summary>The logged requests, oldest first.</summary>
    public IReadOnlyList<RequestRecord> Requests() => [.. _log];

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
