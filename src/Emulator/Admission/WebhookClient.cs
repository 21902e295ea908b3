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
/// POSTs AdmissionReviews to webhooks over HTTPS the way kube-apiserver does: the URL from
/// <c>clientConfig.url</c> or the mapped service, <c>?timeout=Ns</c> appended, the server certificate
/// verified against <c>caBundle</c> (or the system roots when it is empty) and the host name checked, and the client
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
        var (url, serverName, credentials, error) = Target(webhook.ClientConfig, timeout);
        if (error is not null)
        {
            return (null, error);
        }

        var certificate = options.ClientCertificateFor(credentials!);
        var client = _clients.GetOrAdd(ClientKey(webhook.ClientConfig.CaBundle, serverName!, certificate), _ => CreateClient(webhook.ClientConfig.CaBundle, serverName!, certificate));
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeoutSource.CancelAfter(timeout);
        try
        {
            using var content = new StringContent(review.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await client.PostAsync(url, content, timeoutSource.Token);
            var body = await response.Content.ReadAsStringAsync(timeoutSource.Token);
            if (!response.IsSuccessStatusCode)
            {
                return (null, $"failed to call webhook: the server responded with status {(int)response.StatusCode}: {Truncate(body)}");
            }

            return Decode(body, review);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, $"failed to call webhook: Post \"{url}\": context deadline exceeded");
        }
        catch (HttpRequestException ex)
        {
            return (null, $"failed to call webhook: Post \"{url}\": {Flatten(ex)}");
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

    // Credentials: the name kube-apiserver looks the webhook up by in its AdmissionConfiguration's kubeconfig.
    private (Uri? Url, string? ServerName, string? Credentials, string? Error) Target(Admissionregistrationv1WebhookClientConfig? config, TimeSpan timeout)
    {
        // kube-apiserver tells the webhook its deadline through the query string.
        var query = "timeout=" + ((int)timeout.TotalSeconds).ToString(CultureInfo.InvariantCulture) + "s";
        if (config?.Url is { Length: > 0 } raw)
        {
            if (!Uri.TryCreate(raw, UriKind.Absolute, out var url) || url.Scheme != Uri.UriSchemeHttps)
            {
                return (null, null, null, $"failed to call webhook: clientConfig.url \"{raw}\" is not an https URL");
            }

            return (new UriBuilder(url) { Query = query }.Uri, url.Host, url.IsDefaultPort ? url.Host : url.Authority, null);
        }

        if (config?.Service is { } service)
        {
            var port = service.Port ?? 443;
            var baseUrl = options.ResolveService(service.NamespaceProperty, service.Name, port);
            if (baseUrl is null)
            {
                return (null, null, null, $"failed to call webhook: service \"{service.NamespaceProperty}/{service.Name}:{port}\" is not mapped to an address in the sandbox");
            }

            var path = "/" + (service.Path ?? "").TrimStart('/');
            var url = new UriBuilder(baseUrl) { Path = baseUrl.AbsolutePath.TrimEnd('/') + path, Query = query }.Uri;
            var host = $"{service.Name}.{service.NamespaceProperty}.svc";
            return (url, host, port == 443 ? host : host + ":" + port.ToString(CultureInfo.InvariantCulture), null);
        }

        return (null, null, null, "failed to call webhook: clientConfig has neither url nor service");
    }

    private static string ClientKey(byte[]? caBundle, string serverName, X509Certificate2? certificate) =>
        serverName + "|" + (caBundle is { Length: > 0 } ? Convert.ToHexString(SHA256.HashData(caBundle)) : "system") + "|" + certificate?.Thumbprint;

    private static HttpClient CreateClient(byte[]? caBundle, string serverName, X509Certificate2? certificate)
    {
        X509Certificate2Collection? roots = null;
        if (caBundle is { Length: > 0 })
        {
            roots = [];
            roots.ImportFromPem(Encoding.ASCII.GetString(caBundle));
        }

        var handler = new SocketsHttpHandler
        {
            // Kubernetes dials a webhook afresh often enough; keep connections short-lived like its transport cache.
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            SslOptions = new SslClientAuthenticationOptions
            {
                TargetHost = serverName,
                RemoteCertificateValidationCallback = (_, presented, _, errors) => Verify(presented, errors, roots, serverName),
                // Presented whatever CAs the webhook says it accepts, as kube-apiserver's client does.
                ClientCertificates = certificate is null ? null : [certificate],
                LocalCertificateSelectionCallback = certificate is null ? null : (_, _, _, _, _) => certificate,
            },
        };
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
        var parts = new List<string>();
        for (var e = ex; e is not null; e = e.InnerException)
        {
            parts.Add(e.Message);
        }

        return string.Join(": ", parts.Distinct());
    }

    private static string Truncate(string body) => body.Length <= 200 ? body : body[..200] + "…";
}
