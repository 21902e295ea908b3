using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using NodaTime;
using NodaTime.Text;
using Tarnfui.Emulator.Server;

namespace Tarnfui.Emulator.Tests.Server;

public sealed class ClockEndpointsTests
{
    private static readonly Instant Evening = Instant.FromUtc(2026, 11, 27, 18, 55);

    public static TheoryData<string, string?, string?, double?, string, double> Changes => new()
    {
        { "an RFC 3339 instant in UTC sets the clock", "2026-11-30T07:00:00Z", null, null, "2026-11-30T07:00:00Z", 0 },
        { "an instant with an offset is taken to UTC", "2026-11-30T07:00:00+01:00", null, null, "2026-11-30T06:00:00Z", 0 },
        { "a duration in hours moves it forward", null, "12h", null, "2026-11-28T06:55:00Z", 0 },
        { "a negative duration moves it back", null, "-30m", null, "2026-11-27T18:25:00Z", 0 },
        { "a TimeSpan form works too", null, "2.12:05:00", null, "2026-11-30T07:00:00Z", 0 },
        { "a speed alone keeps the instant", null, null, 60.0, "2026-11-27T18:55:00Z", 60 },
        { "an instant and a speed together", "2026-11-28T00:00:00Z", null, 2.5, "2026-11-28T00:00:00Z", 2.5 },
    };

    [Theory, MemberData(nameof(Changes))]
    public void A_change_sets_advances_or_speeds_up_the_clock(string because, string? at, string? advance, double? speed, string expectedNow, double expectedSpeed)
    {
        var clock = new SimulatedClock(Evening, speed: 0);

        var result = ClockEndpoints.Change(clock, new ClockEndpoints.ClockChange(at, advance, speed));

        var ok = result.Result.ShouldBeOfType<Ok<ClockEndpoints.ClockDocument>>(because);
        clock.Speed.ShouldBe(expectedSpeed, because);
        if (expectedSpeed == 0)
        {
            clock.GetCurrentInstant().ShouldBe(InstantPattern.ExtendedIso.Parse(expectedNow).Value, because);
            ok.Value!.Now.ShouldBe(expectedNow, because);
        }
        else
        {
            // A running clock has moved on a little by now; it never goes back.
            clock.GetCurrentInstant().ShouldBeGreaterThanOrEqualTo(InstantPattern.ExtendedIso.Parse(expectedNow).Value, because);
        }
    }

    public static TheoryData<string, string?, string?, double?, string> Refusals => new()
    {
        { "nothing to change", null, null, null, "nothing to change" },
        { "both an instant and a duration", "2026-11-30T07:00:00Z", "1h", null, "not both" },
        { "an instant that is not RFC 3339", "Monday 7am", null, null, "\"at\" must be an RFC 3339 instant such as 2026-11-28T06:59:00Z, got \"Monday 7am\"" },
        { "a duration without a unit people use", null, "soon", null, "\"advance\" must be a duration such as \"12h\"" },
        { "a negative speed", null, null, -1.0, "\"speed\" must be zero or positive, got -1" },
        { "an infinite speed", null, null, double.PositiveInfinity, "\"speed\" must be zero or positive" },
    };

    [Theory, MemberData(nameof(Refusals))]
    public void A_bad_change_is_refused_with_the_reason_and_leaves_the_clock_alone(string because, string? at, string? advance, double? speed, string reason)
    {
        var clock = new SimulatedClock(Evening, speed: 0);

        var result = ClockEndpoints.Change(clock, new ClockEndpoints.ClockChange(at, advance, speed));

        result.Result.ShouldBeOfType<BadRequest<string>>(because).Value!.ShouldContain(reason, Case.Sensitive, because);
        clock.GetCurrentInstant().ShouldBe(Evening, because);
        clock.Speed.ShouldBe(0, because);
    }

    [Fact]
    public async Task Over_http_the_clock_reads_moves_and_refuses_with_a_v1_Status_even_without_a_content_type()
    {
        // Its own server: the collection's shared one must keep its clock.
        await using var server = await EmulatorServer.StartAsync(new EmulatorOptions { StartTime = Evening, Speed = 0, EmulateControllers = false });
        using var http = new HttpClient { BaseAddress = server.HttpUrl };

        using var moved = await http.PostAsync(ClockEndpoints.Path, new ByteArrayContent("{\"advance\":\"725m\"}"u8.ToArray()));
        var read = await http.GetStringAsync(ClockEndpoints.Path);
        using var refused = await http.PostAsync(ClockEndpoints.Path, new ByteArrayContent("{\"advance\":\"soon\"}"u8.ToArray()));
        using var notJson = await http.PostAsync(ClockEndpoints.Path, new ByteArrayContent("tomorrow"u8.ToArray()));

        moved.StatusCode.ShouldBe(HttpStatusCode.OK);
        server.Clock.GetCurrentInstant().ShouldBe(Instant.FromUtc(2026, 11, 28, 7, 0));
        read.ShouldBe("""{"now":"2026-11-28T07:00:00Z","speed":0}""");
        foreach (var (response, message) in new[] { (refused, "\"advance\" must be a duration"), (notJson, "the body must be a JSON object") })
        {
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            using var status = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            status.RootElement.GetProperty("kind").GetString().ShouldBe("Status");
            status.RootElement.GetProperty("reason").GetString().ShouldBe("BadRequest");
            status.RootElement.GetProperty("message").GetString()!.ShouldContain(message);
        }

        server.Clock.GetCurrentInstant().ShouldBe(Instant.FromUtc(2026, 11, 28, 7, 0));
    }
}
