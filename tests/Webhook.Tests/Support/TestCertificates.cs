using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tarnfui.Webhook.Tests.Support;

/// <summary>A private CA and serving certificates for 127.0.0.1, written as PEM files like cert-manager writes them.</summary>
internal sealed class TestCertificates : IDisposable
{
    private readonly RSA _caKey = RSA.Create(2048);

    public TestCertificates()
    {
        var request = new CertificateRequest("CN=tarnfui test CA", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        // Key identifiers, as openssl and cert-manager write them: they tell apart CAs of one name (a CA renewed with a new key).
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        Directory = System.IO.Directory.CreateTempSubdirectory("tarnfui-webhook-tls-").FullName;
    }

    public X509Certificate2 Ca { get; }

    public string Directory { get; }

    public string CertificatePath => Path.Combine(Directory, "tls.crt");

    public string KeyPath => Path.Combine(Directory, "tls.key");

    /// <summary>Where <see cref="WriteCa"/> writes the CA, as the bundle <c>Webhook:ClientCaFile</c> names.</summary>
    public string CaPath => Path.Combine(Directory, "client-ca.crt");

    /// <summary>Writes <see cref="Ca"/> (and <paramref name="others"/>' CAs) to <see cref="CaPath"/> as a PEM bundle, moved in as a Secret update is.</summary>
    public string WriteCa(params TestCertificates[] others)
    {
        File.WriteAllText(CaPath + ".tmp", string.Concat(others.Prepend(this).Select(c => c.Ca.ExportCertificatePem() + "\n")));
        File.Move(CaPath + ".tmp", CaPath, overwrite: true);
        return CaPath;
    }

    /// <summary>
    /// A certificate with its key issued by <see cref="Ca"/> for client authentication, as kube-apiserver's
    /// AdmissionConfiguration kubeconfig holds one; <paramref name="usage"/> <c>serverAuth</c> issues a serving one instead.
    /// </summary>
    public X509Certificate2 IssueClient(string commonName, string usage = "clientAuth", DateTimeOffset? notAfter = null)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var oid = usage == "serverAuth" ? "1.3.6.1.5.5.7.3.1" : "1.3.6.1.5.5.7.3.2";
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(oid)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        var until = notAfter ?? DateTimeOffset.UtcNow.AddDays(90);
        using var issued = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForRSA(_caKey, RSASignaturePadding.Pkcs1), until.AddDays(-120), until, RandomNumberGenerator.GetBytes(12));
        using var withKey = issued.CopyWithPrivateKey(key);
        // TLS on Linux presents a client certificate whose key it can export.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }

    /// <summary>Issues a serving certificate named <paramref name="commonName"/> and writes both files.</summary>
    public X509Certificate2 WriteServing(string commonName)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(System.Net.IPAddress.Loopback);
        san.AddDnsName("localhost");
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        var serial = RandomNumberGenerator.GetBytes(12);
        using var issued = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForRSA(_caKey, RSASignaturePadding.Pkcs1), DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90), serial);
        // Written to temporary names and moved in, as a Secret volume update swaps files.
        File.WriteAllText(CertificatePath + ".tmp", issued.ExportCertificatePem() + "\n" + Ca.ExportCertificatePem() + "\n");
        File.WriteAllText(KeyPath + ".tmp", key.ExportPkcs8PrivateKeyPem());
        File.Move(KeyPath + ".tmp", KeyPath, overwrite: true);
        File.Move(CertificatePath + ".tmp", CertificatePath, overwrite: true);
        return X509CertificateLoader.LoadCertificate(issued.RawData);
    }

    /// <summary>
    /// An HTTP client that trusts only <see cref="Ca"/> and reports the certificate each handshake presented;
    /// <paramref name="configure"/> changes the handler further (a client certificate, timeouts).
    /// </summary>
    public HttpClient Client(Action<X509Certificate2>? seen = null, System.Security.Authentication.SslProtocols protocols = System.Security.Authentication.SslProtocols.None, Action<SocketsHttpHandler>? configure = null)
    {
        var handler = new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.Zero };
        handler.SslOptions.EnabledSslProtocols = protocols;
        configure?.Invoke(handler);
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            if (certificate is null)
            {
                return false;
            }

            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(Ca);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            var leaf = X509CertificateLoader.LoadCertificate(certificate.GetRawCertData());
            seen?.Invoke(leaf);
            return chain.Build(leaf);
        };
        return new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
    }

    public void Dispose()
    {
        Ca.Dispose();
        _caKey.Dispose();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned by the OS later.
        }
    }
}
