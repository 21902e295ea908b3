using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tarnfui.Emulator.Tests.Admission;

/// <summary>A private CA and a serving certificate for a test webhook on 127.0.0.1 and a service DNS name.</summary>
public sealed class TestCertificates : IDisposable
{
    public TestCertificates(params string[] dnsNames)
    {
        using var caKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var caRequest = new CertificateRequest("CN=tarnfui-test-ca", caKey, HashAlgorithmName.SHA256);
        caRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        caRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        var now = DateTimeOffset.UtcNow;
        Ca = caRequest.CreateSelfSigned(now.AddHours(-1), now.AddDays(1));

        using var leafKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var leafRequest = new CertificateRequest("CN=test-webhook", leafKey, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        leafRequest.CertificateExtensions.Add(names.Build());
        leafRequest.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = leafRequest.Create(Ca, now.AddHours(-1), now.AddDays(1), [1, 2, 3, 4]);
        // Kestrel on Linux needs the key in an exportable PKCS#12 form.
        Serving = X509CertificateLoader.LoadPkcs12(signed.CopyWithPrivateKey(leafKey).Export(X509ContentType.Pkcs12), null);
    }

    public X509Certificate2 Ca { get; }

    public X509Certificate2 Serving { get; }

    /// <summary>The CA as the PEM bytes a <c>caBundle</c> carries.</summary>
    public byte[] CaBundle => System.Text.Encoding.ASCII.GetBytes(Ca.ExportCertificatePem());

    public void Dispose()
    {
        Ca.Dispose();
        Serving.Dispose();
    }
}
