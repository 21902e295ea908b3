using Microsoft.AspNetCore.Http.HttpResults;
using Prometheus;
using Tarnfui.Webhook.Admission;
using Tarnfui.Webhook.Namespaces;
using Tarnfui.Webhook.Tls;

namespace Tarnfui.Webhook.Probes;

/// <summary><c>/healthz</c>, <c>/readyz</c> and <c>/metrics</c>, served on the plain-HTTP port only.</summary>
internal static class ProbeEndpoints
{
    public const string HealthPath = "/healthz";
    public const string ReadyPath = "/readyz";
    public const string MetricsPath = "/metrics";

    public static IEndpointRouteBuilder MapProbes(this IEndpointRouteBuilder app)
    {
        app.MapGet(HealthPath, Healthy);
        app.MapGet(ReadyPath, Ready);
        app.MapMetrics(MetricsPath, app.ServiceProvider.GetRequiredService<Metrics>().Registry);
        return app;
    }

    /// <summary>
    /// Keeps <c>/mutate</c> on the HTTPS port and the probes and metrics on the plain one: a request on the
    /// wrong port is 404, so admission traffic is never served in clear text.
    /// </summary>
    public static IApplicationBuilder UsePortSplit(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var admission = context.Request.Path.StartsWithSegments(AdmissionEndpoints.MutatePath, StringComparison.Ordinal);
            if (admission != context.Request.IsHttps)
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            }

            return next(context);
        });

    public static ContentHttpResult Healthy() => TypedResults.Text("ok");

    /// <summary>Ready once a certificate is served, the client CAs (if asked for) are loaded and the namespace cache has been listed once.</summary>
    public static ContentHttpResult Ready(CertificateStore certificates, ClientCaStore clientCas, NamespaceCache namespaces)
    {
        ArgumentNullException.ThrowIfNull(certificates);
        ArgumentNullException.ThrowIfNull(clientCas);
        ArgumentNullException.ThrowIfNull(namespaces);
        var missing = new List<string>(3);
        if (certificates.Current is null)
        {
            missing.Add("no serving certificate loaded");
        }

        if (clientCas.Required && clientCas.Current is null)
        {
            missing.Add("no client CA loaded");
        }

        if (!namespaces.HasSynced)
        {
            missing.Add("namespace cache not synced");
        }

        return missing.Count == 0
            ? TypedResults.Text("ok")
            : TypedResults.Text(string.Join("; ", missing), statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
