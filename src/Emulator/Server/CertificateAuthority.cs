using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tarnfui.Emulator.Server;

/// <summary>
/// A private CA made in memory, issuing serving certificates for loopback names (the sandbox's own, and those of
/// test webhooks whose MutatingWebhookConfiguration then carries <see cref="CaBundle"/>).
/// </summary>
public sealed class CertificateAuthority : IDisposable
{
    private readonly X509Certificate2 _caWithKey;

    private CertificateAuthority(X509Certificate2 caWithKey)
    {
        _caWithKey = caWithKey;
        Certificate = X509CertificateLoader.LoadCertificate(caWithKey.RawData);
    }

    /// <summary>The CA certificate, without its key: what clients trust.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The CA certificate as PEM.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Base64 of the PEM, as <c>caBundle</c> and kubeconfig <c>certificate-authority-data</c> carry it.</summary>
    public string CaBundle => Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes(CertificatePem));

    public static CertificateAuthority Create(string commonName = "tarnfui-sandbox-ca")
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var now = DateTimeOffset.UtcNow;
        return new CertificateAuthority(request.CreateSelfSigned(now.AddDays(-1), now.AddYears(10)));
    }

    /// <summary>
    /// A serving certificate with its private key for the given names (IP addresses become IP SANs), by default
    /// <c>127.0.0.1</c> and <c>localhost</c>. Round-tripped through PKCS#12 so that SslStream can use the key on every platform.
    /// </summary>
    public X509Certificate2 IssueServerCertificate(params string[] names)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var subject = names.Length > 0 ? names[0] : "localhost";
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        foreach (var name in names.Length > 0 ? names : ["127.0.0.1", "localhost"])
        {
            if (IPAddress.TryParse(name, out var ip))
            {
                san.AddIpAddress(ip);
            }
            else
            {
                san.AddDnsName(name);
            }
        }

        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(_caWithKey, true, false));
        var now = DateTimeOffset.UtcNow;
        using var issued = request.Create(_caWithKey, now.AddDays(-1), now.AddYears(1), RandomNumberGenerator.GetBytes(16));
        using var withKey = issued.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    public void Dispose()
    {
        _caWithKey.Dispose();
        Certificate.Dispose();
    }
}
