using System.Globalization;
using Microsoft.Net.Http.Headers;
using NodaTime;

namespace Tarnfui.Emulator.Server;

/// <summary>
/// Every response's <c>Date</c> header is the simulated clock's time, as kube-apiserver's is its own clock's: a client
/// that takes the cluster's time from its responses (as <c>kubectl tarnfui</c> does) then sees the simulated evening,
/// not the workstation's.
/// </summary>
public static class SimulatedDateHeader
{
    public static IApplicationBuilder UseSimulatedDate(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Use((context, next) =>
        {
            var clock = context.RequestServices.GetRequiredService<IClock>();
            context.Response.OnStarting(() =>
            {
                // Read as the headers are written, as kube-apiserver dates a response when it sends it.
                context.Response.Headers[HeaderNames.Date] = Format(clock.GetCurrentInstant());
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    /// <summary>RFC 9110's IMF-fixdate, the form Go's net/http writes (<c>Tue, 01 Dec 2026 19:05:00 GMT</c>).</summary>
    public static string Format(Instant instant) =>
        instant.ToDateTimeOffset().ToString("r", CultureInfo.InvariantCulture);
}
