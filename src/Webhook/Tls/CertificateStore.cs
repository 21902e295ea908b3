using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;

namespace Tarnfui.Webhook.Tls;

/// <summary>
/// The serving certificate, read from PEM files and swapped in place when they change; each TLS handshake
/// takes <see cref="ContextAsync"/>, so a cert-manager rotation needs no restart and drops no connection.
/// </summary>
/// <remarks>
/// The handshake context completes the chain (<see cref="SslStreamCertificateContext.Create(X509Certificate2, X509Certificate2Collection?, bool)"/>),
/// which loads and parses the machine's whole trust store the first time (once per process: the API client's first
/// handshake needs the same load, whichever comes first). It is built beside the start instead of before it; the
/// pair of files is read and checked first (a certificate that does not match its key is never served), and a
/// handshake that comes before the context is built waits for it.
/// </remarks>
internal sealed class CertificateStore(IOptions<WebhookOptions> options, Metrics metrics, ILogger<CertificateStore> logger) : IDisposable
{
    private readonly Lock _reloading = new();
    private volatile Served? _served;
    private byte[]? _fingerprint;

    /// <summary>The certificate being served, or null before the first successful load.</summary>
    public X509Certificate2? Current => _served?.Leaf;

    /// <summary>What a handshake presents: the leaf and the intermediates that followed it in the file; null before the first successful load.</summary>
    public Task<SslStreamCertificateContext>? ContextAsync() => _served?.Context;

    /// <summary>Raised after a new certificate is served (tests and logs wait on it instead of polling).</summary>
    public event Action<X509Certificate2>? Reloaded;

    public string CertificatePath => options.Value.CertificatePath;

    public string KeyPath => options.Value.KeyPath;

    /// <summary>Loads the files when their content differs from what is served. Safe to call from any thread.</summary>
    /// <returns>True when a new certificate is now served.</returns>
    public bool Reload()
    {
        lock (_reloading)
        {
            try
            {
                var certificatePem = File.ReadAllBytes(CertificatePath);
                var keyPem = File.ReadAllBytes(KeyPath);
                var fingerprint = SHA256.HashData([.. certificatePem, .. keyPem]);
                if (_fingerprint is not null && fingerprint.AsSpan().SequenceEqual(_fingerprint))
                {
                    return false;
                }

                // A rotation writes two files; until both are new the pair does not match and loading throws,
                // the previous certificate stays, and the next notification or periodic check tries again.
                var leaf = X509Certificate2.CreateFromPem(System.Text.Encoding.UTF8.GetString(certificatePem), System.Text.Encoding.UTF8.GetString(keyPem));
                var chain = new X509Certificate2Collection();
                chain.ImportFromPem(System.Text.Encoding.UTF8.GetString(certificatePem));
                var intermediates = new X509Certificate2Collection();
                foreach (var certificate in chain)
                {
                    if (certificate.Thumbprint != leaf.Thumbprint)
                    {
                        intermediates.Add(certificate);
                    }
                }

                // The previous certificate is not disposed: handshakes in flight may still hold it.
                _served = new Served(leaf, Task.Run(() => SslStreamCertificateContext.Create(leaf, intermediates, offline: true)));
                _fingerprint = fingerprint;
                metrics.CertificateExpiry.Set(new DateTimeOffset(leaf.NotAfter.ToUniversalTime()).ToUnixTimeSeconds());
                Log.CertificateLoaded(logger, leaf.Subject, leaf.NotAfter, CertificatePath);
                Reloaded?.Invoke(leaf);
                return true;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or CryptographicException or ArgumentException)
            {
                metrics.Errors.WithLabels(Metrics.Reasons.Certificate).Inc();
                Log.CertificateLoadFailed(logger, e, CertificatePath, KeyPath);
                return false;
            }
        }
    }

    public void Dispose() => _served?.Leaf.Dispose();

    private sealed record Served(X509Certificate2 Leaf, Task<SslStreamCertificateContext> Context);
}
