using System.Text.Json.Serialization;

namespace Tarnfui.Emulator.Faults;

/// <summary>What a fault does to a request.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<FaultKind>))]
public enum FaultKind
{
    /// <summary>429 TooManyRequests with <c>Retry-After</c> and <c>details.retryAfterSeconds</c>, as API priority and fairness answers.</summary>
    TooManyRequests,

    /// <summary>500 InternalError.</summary>
    InternalError,

    /// <summary>503 ServiceUnavailable.</summary>
    ServiceUnavailable,

    /// <summary>504 Timeout.</summary>
    GatewayTimeout,

    /// <summary>409 Conflict on update and patch: "the object has been modified".</summary>
    Conflict,

    /// <summary>403 Forbidden in the authorizer's words, as for a user whose RBAC lacks the verb on the resource.</summary>
    Forbidden,

    /// <summary>The request is served after <see cref="FaultRule.Latency"/>.</summary>
    Latency,

    /// <summary>The connection is aborted without a response (before or, with <see cref="FaultRule.AfterProcessing"/>, after the request took effect).</summary>
    DropConnection,

    /// <summary>A watch stream ends after <see cref="FaultRule.WatchEvents"/> events, as when the server closes it.</summary>
    WatchCut,
}

/// <summary>
/// One fault and the requests it applies to. Filters that are null match everything. A matching request is
/// faulted with probability <see cref="Rate"/> (drawn from the injector's seeded generator), at most
/// <see cref="Times"/> times in all; a <see cref="FaultKind.Conflict"/> rule with <see cref="PerObject"/> &gt; 0
/// instead fails the first N writes of each object (a 409 storm), which no client retry budget below N survives.
/// A rule with <see cref="Every"/> = N faults the Nth, 2Nth, … matching request and draws nothing: a test that
/// asserts the fault happened needs that, since which requests a concurrent client sends first is not fixed.
/// </summary>
public sealed record FaultRule
{
    public required FaultKind Kind { get; init; }

    /// <summary>Verbs as the request log names them: get, list, watch, create, update, patch, delete.</summary>
    public IReadOnlyCollection<string>? Verbs { get; init; }

    /// <summary>Resources with subresource: <c>pods</c>, <c>deployments</c>, <c>deployments/scale</c>.</summary>
    public IReadOnlyCollection<string>? Resources { get; init; }

    /// <summary>Only requests of this user (the bearer token's identity).</summary>
    public string? User { get; init; }

    public double Rate { get; init; } = 1.0;

    public int? Times { get; init; }

    /// <summary>Faults every Nth matching request instead of drawing with <see cref="Rate"/>, which must then stay 1.</summary>
    public int? Every { get; init; }

    public int PerObject { get; init; }

    public TimeSpan Latency { get; init; }

    public int RetryAfterSeconds { get; init; } = 1;

    public int WatchEvents { get; init; }

    public bool AfterProcessing { get; init; }

    /// <summary>Why the rule cannot be used, naming the field and a valid value, or null when it can.</summary>
    public string? Problem() => this switch
    {
        { Rate: < 0 or > 1 } => $"rate must be between 0 and 1, got {Rate}",
        { Every: < 1 } => $"every must be 1 or more (1 faults every matching request), got {Every}",
        { Every: not null, Rate: < 1 } => $"every and rate are alternatives: with every = {Every}, leave rate at 1, got {Rate}",
        _ => null,
    };
}
