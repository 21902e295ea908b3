using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using k8s.Models;

namespace Tarnfui.Emulator.Admission;

/// <summary>
/// POSTs AdmissionReviews to webhooks over HTTPS the way kube-apiserver does: to <c>clientConfig.url</c>, or to
/// <c>https://NAME.NAMESPACE.svc:PORT/PATH</c> for a <c>clientConfig.service</c>, connected to the Service's endpoint
/// (<see cref="ServiceRoutes"/>); <c>?timeout=Ns</c> appended, the server certificate verified against <c>caBundle</c>
/// (or the system roots when it is empty) for the URL's host or the Service's DNS name (also sent as SNI), and the client
/// certificate of <see cref="AdmissionOptions.PresentClientCertificate"/> presented when one is set for the webhook.
/// </summary>
public sealed class WebhookClient(AdmissionOptions options) : IDisposable
{
    private readonly ConcurrentDictionary<string, HttpClient> _clients = new();

    /// <summary>The decoded <c>response</c> of the review, or the error the API server would report.</summary>
    public async Task<(JsonObject? Response, string? Error)> CallAsync(V1MutatingWebhook webhook, JsonObject review, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        var timeout = webhook.TimeoutSeconds is { } seconds ? TimeSpan.FromSeconds(seconds) : options.DefaultTimeout;
        var target = Target(webhook.ClientConfig, timeout);
        if (target.Error is not null)
        {
            return (null, target.Error);
        }

        var certificate = options.ClientCertificateFor(target.Credentials!);
        var caBundle = webhook.ClientConfig.CaBundle;
        var client = _clients.GetOrAdd(ClientKey(caBundle, target, certificate), _ => CreateClient(caBundle, target, certificate));
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(target.Url, content, timeoutSource.Token);
            var body = await response.Content.ReadAsStringAsync(timeoutSource.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"failed to call webhook: the server responded with status {(int)response.StatusCode}: {Truncate(body)}");
            }

            return Decode(body, review);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"failed to call webhook: Post \"{target.Shown}\": context deadline exceeded");
        }
        catch (HttpRequestException ex)
        {
            return (null, $"failed to call webhook: Post \"{target.Shown}\": {Flatten(ex)}");
        }
    }

    public void Dispose()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        _clients.Clear();
    }

    // Url: what is posted to; Shown: the URL as kube-apiserver prints it (a service's port always written out);
    // Credentials: the name kube-apiserver looks the webhook up by in its AdmissionConfiguration's kubeconfig;
    // Service: set when the connection goes to a Service's endpoint rather than to the URL's host.
    private sealed record WebhookTarget(Uri? Url, string? Shown, string? ServerName, string? Credentials, Admissionregistrationv1ServiceReference? Service, string? Error);

    private static WebhookTarget Target(Admissionregistrationv1WebhookClientConfig? config, TimeSpan timeout)
    {
        // kube-apiserver tells the webhook its deadline through the query string.
        var query = "timeout=" + ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        if (config?.Url is { Length: > 0 } raw)
        {
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            {
                return Failed($"failed to call webhook: clientConfig.url \"{raw}\" is not an https URL");
            }

            var withQuery = new UriBuilder(url) { Query = query }.Uri;
            return new(withQuery, withQuery.ToString(), url.Host, url.IsDefaultPort ? url.Host : url.Authority, null, null);
        }

        if (config?.Service is { } service)
        {
            // kube-apiserver's webhook ClientManager: https://<name>.<namespace>.svc:<port><path>, the port defaulting
            // to 443; its dialer then swaps that address for an endpoint of the Service.
            var port = (service.Port ?? 443).ToString(CultureInfo.InvariantCulture);
            var host = $"{service.Name}.{service.NamespaceProperty}.svc";
            var path = "/" + (service.Path ?? "").TrimStart('/');
            var shown = $"https://{host}:{port}{path}?{query}";
            return new(new Uri(shown), shown, host, port == "443" ? host : host + ":" + port, service, null);
        }

        return Failed("failed to call webhook: clientConfig has neither url nor service");

        static WebhookTarget Failed(string error) => new(null, null, null, null, null, error);
    }

    private static string ClientKey(byte[]? caBundle, WebhookTarget target, X509Certificate2? certificate) =>
        (target.Service is { } service ? $"service:{service.NamespaceProperty}/{service.Name}|" : "url|") + target.ServerName + "|"
        + (caBundle is { Length: > 0 } ? Convert.ToHexString(SHA256.HashData(caBundle)) : "system") + "|" + certificate?.Thumbprint;

    private HttpClient CreateClient(byte[]? caBundle, WebhookTarget target, X509Certificate2? certificate)
    {
        X509Certificate2Collection? roots = null;
        if (caBundle is { Length: > 0 })
        {
            roots = [];
            roots.ImportFromPem(Encoding.ASCII.GetString(caBundle));
        }

        var serverName = target.ServerName!;
        var handler = new SocketsHttpHandler
        {
            // Kubernetes dials a webhook afresh often enough; keep connections short-lived like its transport cache.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            SslOptions = new SslClientAuthenticationOptions
            {
                // Sent as SNI and checked against the certificate: for a Service, its DNS name, as kube-apiserver does.
                TargetHost = serverName,
                RemoteCertificateValidationCallback = (_, presented, _, errors) => Verify(presented, errors, roots, serverName),
                // Presented whatever CAs the webhook says it accepts, as kube-apiserver's client does.
                ClientCertificates = certificate is null ? null : [certificate],
                LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
            },
        };
        if (target.Service is { } service)
        {
            // The URL names the Service; the connection goes to its endpoint, looked up when it is opened.
            handler.UseProxy = false;
            handler.ConnectCallback = (_, cancellationToken) => options.Services.ConnectAsync(service.NamespaceProperty, service.Name, cancellationToken);
        }

        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    private static bool Verify(X509Certificate? certificate, SslPolicyErrors errors, X509Certificate2Collection? roots, string serverName)
    {
        if (certificate is not X509Certificate2 leaf || !leaf.MatchesHostname(serverName))
        {
            return false;
        }

        if (roots is null)
        {
            return (errors & ~SslPolicyErrors.RemoteCertificateNameMismatch) == SslPolicyErrors.None;
        }

        if (roots.Count == 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(roots);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(leaf);
    }

    private static (JsonObject? Response, string? Error) Decode(string body, JsonObject review)
    {
        JsonNode? parsed;
        try
        {
            parsed = JsonNode.Parse(body);
        }
        catch (System.Text.Json.JsonException ex)
        {
            return (null, $"failed to call webhook: the response is not JSON: {ex.Message}");
        }

        if (parsed is not JsonObject root
            || root["apiVersion"]?.GetValue<string>() != AdmissionReviewRequest.ApiVersion
            || root["kind"]?.GetValue<string>() != AdmissionReviewRequest.Kind)
        {
            return (null, $"failed to call webhook: expected webhook response of {AdmissionReviewRequest.ApiVersion}, Kind={AdmissionReviewRequest.Kind}");
        }

        if (root["response"] is not JsonObject response)
        {
            return (null, "failed to call webhook: webhook response was absent");
        }

        var expected = review["request"]!["uid"]!.GetValue<string>();
        var actual = (response["uid"] as JsonValue)?.GetValue<string>();
        return actual == expected
            ? (response, null)
            : (null, $"failed to call webhook: expected response.uid=\"{expected}\", got \"{actual}\"");
    }

    private static string Flatten(Exception ex)
    {
        // A Service without endpoints reads as kube-apiserver prints it, without the handler's address suffix.
        for (var e = ex.InnerException; e is not null; e = e.InnerException)
        {
            if (e is NoEndpointsException noEndpoints)
            {
                return noEndpoints.Message;
            }
        }

        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            parts.Add(e.Message);
        }

        return string.Join(": ", parts.Distinct());
    }

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
