using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Core.Durations;
using Tarnfui.Emulator.Accounting;
using Tarnfui.Emulator.Api;
using Tarnfui.Emulator.Store;

namespace Tarnfui.Emulator.Server;

/// <summary>
/// <c>GET /sandbox/clock</c> reads the simulated time; <c>POST /sandbox/clock</c> sets it (<c>{"at":"2026-11-28T06:59:00Z"}</c>),
/// advances it (<c>{"advance":"12h"}</c>, negative goes back) and/or changes its speed (<c>{"speed":60}</c>), so that a
/// person watching a <c>sandbox serve</c> session with kubectl can skip to the evening or the morning. The hosted
/// webhook and sweeper share this clock, so they see the jump at once.
/// </summary>
public static class ClockEndpoints
{
    public const string Path = RequestAccountingMiddleware.InternalPrefix + "/clock";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IEndpointRouteBuilder MapSandboxClock(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet(Path, Get);
        app.MapPost(Path, ChangeAsync);
        return app;
    }

    public static Ok<ClockDocument> Get(SimulatedClock clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return TypedResults.Ok(ClockDocument.Of(clock));
    }

    /// <summary>
    /// Reads the body as JSON whatever its content type (<c>kubectl create --raw /sandbox/clock -f -</c> sends none, and
    /// minimal API binding would answer 415) and answers a bad request with a v1 Status, whose message kubectl prints.
    /// </summary>
    public static async Task ChangeAsync(HttpContext context, SimulatedClock clock)
    {
        ArgumentNullException.ThrowIfNull(context);
        ClockChange? change;
        try
        {
            change = await JsonSerializer.DeserializeAsync<ClockChange>(context.Request.Body, Json, context.RequestAborted);
        }
        catch (JsonException e)
        {
            await ApiResponses.WriteStatusAsync(context, StatusException.BadRequest($"the body must be a JSON object such as {{\"advance\":\"12h\"}}: {e.Message}"));
            return;
        }

        var result = change is null
            ? TypedResults.BadRequest("the body must be a JSON object such as {\"advance\":\"12h\"}, got null")
            : Change(clock, change);
        if (result.Result is BadRequest<string> { Value: { } message })
        {
            await ApiResponses.WriteStatusAsync(context, StatusException.BadRequest(message));
            return;
        }

        await result.ExecuteAsync(context);
    }

    public static Results<Ok<ClockDocument>, BadRequest<string>> Change(SimulatedClock clock, ClockChange change)
    {
        ArgumentNullException.ThrowIfNull(clock);
        ArgumentNullException.ThrowIfNull(change);
        if (change.At is not null && change.Advance is not null)
        {
            return TypedResults.BadRequest("give either \"at\" (an RFC 3339 instant) or \"advance\" (a duration such as \"12h\"), not both");
        }

        if (change.At is null && change.Advance is null && change.Speed is null)
        {
            return TypedResults.BadRequest("nothing to change: give \"at\" (e.g. \"2026-11-28T06:59:00Z\"), \"advance\" (e.g. \"12h\" or \"-30m\") or \"speed\" (e.g. 60)");
        }

        Instant? target = null;
        if (change.At is { } at)
        {
            if (InstantText.Parse(at) is not { Success: true } parsed)
            {
                return TypedResults.BadRequest($"\"at\" must be an RFC 3339 instant such as 2026-11-28T06:59:00Z, got \"{at}\"");
            }

            target = parsed.Value;
        }

        var advance = TimeSpan.Zero;
        if (change.Advance is { } text && !DurationSetting.Parse("advance", text).TryGetValue(out advance))
        {
            return TypedResults.BadRequest($"\"advance\" must be a duration such as \"12h\", \"90m\", \"-30s\" or \"1.00:00:00\", got \"{text}\"");
        }

        if (change.Speed is { } speed && (speed < 0 || !double.IsFinite(speed)))
        {
            return TypedResults.BadRequest(string.Create(CultureInfo.InvariantCulture, $"\"speed\" must be zero or positive, got {speed}"));
        }

        if (change.Speed is { } newSpeed)
        {
            clock.Speed = newSpeed;
        }

        if (target is { } instant)
        {
            clock.SetTo(instant);
        }
        else if (advance != TimeSpan.Zero)
        {
            clock.Advance(Duration.FromTimeSpan(advance));
        }

        return TypedResults.Ok(ClockDocument.Of(clock));
    }

    /// <summary>A change of the clock; at most one of <see cref="At"/> and <see cref="Advance"/>.</summary>
    public sealed record ClockChange(string? At, string? Advance, double? Speed);

    /// <summary>The simulated time (RFC 3339, UTC) and how many simulated seconds pass per real second.</summary>
    public sealed record ClockDocument(string Now, double Speed)
    {
        public static ClockDocument Of(SimulatedClock clock) =>
            new(InstantPattern.ExtendedIso.Format(clock.GetCurrentInstant()), clock.Speed);
    }
}
