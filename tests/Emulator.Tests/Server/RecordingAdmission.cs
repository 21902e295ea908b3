using System.Collections.Concurrent;
using Tarnfui.Emulator.Admission;

namespace Tarnfui.Emulator.Tests.Server;

/// <summary>An admission step for tests: records what it is asked per namespace and applies a test's rule to that namespace only.</summary>
public sealed class RecordingAdmission : IAdmissionStep
{
    private readonly ConcurrentDictionary<string, Func<AdmissionAttributes, AdmissionResult>> _rules = new();

    public ConcurrentQueue<AdmissionAttributes> Seen { get; } = new();

    /// <summary>Applies <paramref name="rule"/> to requests in <paramref name="ns"/>; the others pass.</summary>
    public void RuleFor(string ns, Func<AdmissionAttributes, AdmissionResult> rule) => _rules[ns] = rule;

    public IEnumerable<AdmissionAttributes> SeenIn(string ns) => Seen.Where(a => a.Namespace == ns);

    public Task<AdmissionResult> AdmitAsync(AdmissionAttributes attributes, CancellationToken cancellationToken)
    {
        Seen.Enqueue(attributes);
        return Task.FromResult(attributes.Namespace is { } ns && _rules.TryGetValue(ns, out var rule)
            ? rule(attributes)
            : AdmissionResult.Allow(attributes.NewObject));
    }
}
