using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Tarnfui.Webhook.Tls;

/// <summary>
/// The CAs that sign the API server's client certificate (<c>Webhook:ClientCaFile</c>, PEM), read like the serving
/// certificate and swapped in place when the file changes. When the option is set, every TLS handshake on the
/// admission port must present a client certificate that chains to one of them, or the connection is refused
/// before a byte of HTTP is read.
/// </summary>
internal sealed class ClientCaStore(IOptions<WebhookOptions> options, Metrics metrics, ILogger<ClientCaStore> logger)
{
    // id-kp-clientAuth (RFC 5280): a certificate issued for serving only is no client certificate.
    private static readonly Oid ClientAuthentication = new("1.3.6.1.5.5.7.3.2");

    private readonly Lock _reloading = new();
    private volatile X509Certificate2Collection? _authorities;
    private byte[]? _fingerprint;

    /// <summary>The bundle's path, or null when client certificates are not asked for.</summary>
    public string? Path => string.IsNullOrWhiteSpace(options.Value.ClientCaFile) ? null : options.Value.ClientCaFile;

    /// <summary>Whether handshakes must present a client certificate.</summary>
    public bool Required => Path is not null;

    /// <summary>The CAs trusted now, or null before the first successful load.</summary>
    public X509Certificate2Collection? Current => _authorities;

    /// <summary>Raised after a new bundle is trusted (tests wait on it instead of polling).</summary>
    public event Action<X509Certificate2Collection>? Reloaded;

    /// <summary>Loads the file when its content differs from what is trusted. Safe to call from any thread; does nothing when not required.</summary>
    /// <returns>True when a new bundle is now trusted.</returns>
    public bool Reload()
    {
        if (Path is not { } path)
        {
            return false;
        }

        lock (_reloading)
        {
            try
            {
                var pem = File.ReadAllBytes(path);
                var fingerprint = SHA256.HashData(pem);
                if (_fingerprint is not null && fingerprint.AsSpan().SequenceEqual(_fingerprint))
                {
                    return false;
                }

                var authorities = Parse(pem);
                _authorities = authorities;
                _fingerprint = fingerprint;
                Log.ClientCaLoaded(logger, authorities.Count, authorities[0].Subject, path);
                Reloaded?.Invoke(authorities);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException)
            {
                // A half-written file keeps the previous bundle trusted; the next notification or check tries again.
                metrics.Errors.WithLabels(Metrics.Reasons.ClientCa).Inc();
                Log.ClientCaLoadFailed(logger, e, path);
                return false;
            }
        }
    }

    /// <summary>The CAs of a PEM bundle; throws <see cref="CryptographicException"/> when it holds none.</summary>
    public static X509Certificate2Collection Parse(byte[] pem)
    {
        ArgumentNullException.ThrowIfNull(pem);
        var authorities = new X509Certificate2Collection();
        authorities.ImportFromPem(System.Text.Encoding.UTF8.GetString(pem));
        return authorities.Count > 0 ? authorities : throw new CryptographicException("the file holds no PEM certificate");
    }

    /// <summary>
    /// How a handshake validates the client's chain: to one of <see cref="Current"/> only (not the system roots),
    /// for client authentication, without revocation checks (the API server's CA publishes no CRL).
    /// </summary>
    public X509ChainPolicy ChainPolicy()
    {
        var authorities = _authorities ?? throw new InvalidOperationException($"no client CA loaded from {Path}");
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
        };
        policy.CustomTrustStore.AddRange(authorities);
        policy.ApplicationPolicy.Add(ClientAuthentication);
        return policy;
    }

    /// <summary>The handshake's verdict on the client certificate, with <see cref="ChainPolicy"/> already applied to <paramref name="errors"/>.</summary>
    public bool Accept(X509Certificate? certificate, SslPolicyErrors errors)
    {
        if (certificate is not null && errors == SslPolicyErrors.None)
        {
            return true;
        }

        // Counted and logged at debug: anyone who reaches the port can cause it.
        metrics.Errors.WithLabels(Metrics.Reasons.ClientCertificate).Inc();
        Log.ClientCertificateRefused(logger, certificate?.Subject ?? "none", errors);
        return false;
    }
}
