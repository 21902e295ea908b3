using Tarnfui.Emulator.Accounting;

namespace Tarnfui.Emulator.Faults;

/// <summary>A fault chosen for one request: at most one failing fault plus any added latency.</summary>
public sealed record FaultPlan(TimeSpan Latency, FaultRule? Fault)
{
    public static readonly FaultPlan None = new(TimeSpan.Zero, null);
}

/// <summary>
/// The sandbox's fault configuration, changed at run time by tests (in-process) or over
/// <c>/sandbox/faults</c>. Decisions come from one generator seeded by <see cref="Reseed"/>, so the same
/// sequence of requests meets the same faults.
/// </summary>
public sealed class FaultInjector
{
    private readonly Lock _lock = new();
    private readonly List<Entry> _rules = [];
    private readonly Dictionary<(int Rule, string Object), int> _perObject = [];
    private Random _random;
    private int _nextId;

    public FaultInjector(int seed = 0)
    {
        _random = new Random(seed);
    }

    /// <summary>How many faults have been injected since the last <see cref="Clear"/>, by kind.</summary>
    public IReadOnlyDictionary<FaultKind, int> Injected
    {
        get
        {
            lock (_lock)
            {
                return _rules.GroupBy(r => r.Rule.Kind).ToDictionary(g => g.Key, g => g.Sum(r => r.Injected));
            }
        }
    }

    /// <summary>The active rules with their ids.</summary>
    public IReadOnlyList<ActiveRule> Rules
    {
        get
        {
            lock (_lock)
            {
                return _rules.Select(r => new ActiveRule(r.Id, r.Rule, r.Injected)).ToList();
            }
        }
    }

    /// <summary>Restarts the generator, so a run can be repeated.</summary>
    public void Reseed(int seed)
    {
        lock (_lock)
        {
            _random = new Random(seed);
        }
    }

    /// <summary>Adds a rule after the existing ones and returns its id.</summary>
    public int Add(FaultRule rule)
    {
        ArgumentNullException.ThrowIfNull(rule);
        if (rule.Problem() is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(rule), problem);
        }

        lock (_lock)
        {
            _rules.Add(new Entry(++_nextId, rule));
            return _nextId;
        }
    }

    public bool Remove(int id)
    {
        lock (_lock)
        {
            return _rules.RemoveAll(r => r.Id == id) > 0;
        }
    }

    /// <summary>Removes every rule; the sandbox then behaves normally.</summary>
    public void Clear()
    {
        lock (_lock)
        {
            _rules.Clear();
            _perObject.Clear();
        }
    }

    /// <summary>Picks what happens to a request: latency of every matching latency rule, then the first failing fault that fires.</summary>
    public FaultPlan Plan(RequestInfo request, string user)
    {
        ArgumentNullException.ThrowIfNull(request);
        lock (_lock)
        {
            if (_rules.Count == 0)
            {
                return FaultPlan.None;
            }

            var latency = TimeSpan.Zero;
            FaultRule? fault = null;
            foreach (var entry in _rules)
            {
                if (!Applies(entry.Rule, request, user) || (fault is not null && entry.Rule.Kind != FaultKind.Latency) || !Fires(entry, request))
                {
                    continue;
                }

                entry.Injected++;
                if (entry.Rule.Kind == FaultKind.Latency)
                {
                    latency += entry.Rule.Latency;
                }
                else
                {
                    fault = entry.Rule;
                }
            }

            return new FaultPlan(latency, fault);
        }
    }

    private static bool Applies(FaultRule rule, RequestInfo request, string user) =>
        (rule.Verbs is null || rule.Verbs.Contains(request.Verb))
        && (rule.Resources is null || rule.Resources.Contains(request.ResourceKey))
        && (rule.User is null || rule.User == user)
        && rule.Kind switch
        {
            FaultKind.Conflict => request.Verb is "update" or "patch",
            FaultKind.WatchCut => request.Verb == "watch",
            _ => true,
        };

    private bool Fires(Entry entry, RequestInfo request)
    {
        if (entry.Rule.Times is { } times && entry.Injected >= times)
        {
            return false;
        }

        if (entry.Rule.Kind == FaultKind.Conflict && entry.Rule.PerObject > 0)
        {
            var key = (entry.Id, $"{request.Resource}/{request.Namespace}/{request.Name}");
            var seen = _perObject.GetValueOrDefault(key);
            _perObject[key] = seen + 1;
            return seen < entry.Rule.PerObject;
        }

        if (entry.Rule.Every is { } every)
        {
            return ++entry.Matched % every == 0;
        }

        // Rate 1 does not draw, so adding an always-on rule leaves the random sequence of the others unchanged.
        return entry.Rule.Rate >= 1 || (entry.Rule.Rate > 0 && _random.NextDouble() < entry.Rule.Rate);
    }

    public sealed record ActiveRule(int Id, FaultRule Rule, int Injected);

    private sealed class Entry(int id, FaultRule rule)
    {
        public int Id { get; } = id;

        public FaultRule Rule { get; } = rule;

        public int Injected { get; set; }

        /// <summary>Matching requests seen by an <see cref="FaultRule.Every"/> rule (those a rule before it faulted are not offered).</summary>
        public int Matched { get; set; }
    }
}
