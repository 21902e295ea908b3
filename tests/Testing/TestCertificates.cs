using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace Tarnfui.Testing;

/// <summary>
/// A private CA and the certificates it issues for 127.0.0.1: serving and client certificates in memory, or the
/// serving pair written as PEM files the way cert-manager writes them (into a folder of its own, made on first use).
/// </summary>
public sealed class TestCertificates : IDisposable
{
    private const string ServerAuth = "1.3.6.1.5.5.7.3.1";
    private const string ClientAuth = "1.3.6.1.5.5.7.3.2";
    private readonly RSA _caKey = RSA.Create(2048);
    private readonly Lazy<string> _directory = new(() => System.IO.Directory.CreateTempSubdirectory("tarnfui-test-tls-").FullName);

    public TestCertificates(string caName = "tarnfui test CA")
    {
        var request = new CertificateRequest($"CN={caName}", _caKey, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        // Key identifiers, as openssl and cert-manager write them: they tell apart CAs of one name (a CA renewed with a new key).
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        Ca = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
    }

    public X509Certificate2 Ca { get; }

    /// <summary>The CA as PEM.</summary>
    public string CaPem => Ca.ExportCertificatePem();

    /// <summary>The CA as the PEM bytes a <c>caBundle</c> or a kubeconfig's <c>certificate-authority-data</c> carries.</summary>
    public byte[] CaBundle => Encoding.ASCII.GetBytes(CaPem);

    public string Directory => _directory.Value;

    public string CertificatePath => Path.Combine(Directory, "tls.crt");

    public string KeyPath => Path.Combine(Directory, "tls.key");

    /// <summary>Where <see cref="WriteCa"/> writes the CA, as the bundle <c>Webhook:ClientCaFile</c> names.</summary>
    public string CaPath => Path.Combine(Directory, "client-ca.crt");

    /// <summary>Writes <see cref="Ca"/> (and <paramref name="others"/>' CAs) to <see cref="CaPath"/> as a PEM bundle, moved in as a Secret update is.</summary>
    public string WriteCa(params TestCertificates[] others)
    {
        File.WriteAllText(CaPath + ".tmp", string.Concat(others.Prepend(this).Select(c => c.CaPem + "\n")));
        File.Move(CaPath + ".tmp", CaPath, overwrite: true);
        return CaPath;
    }

    /// <summary>
    /// A certificate with its key issued by <see cref="Ca"/> for client authentication, as kube-apiserver's
    /// AdmissionConfiguration kubeconfig holds one; <paramref name="usage"/> <c>serverAuth</c> issues a serving one instead.
    /// </summary>
    public X509Certificate2 IssueClient(string commonName, string usage = "clientAuth", DateTimeOffset? notAfter = null)
    {
        var until = notAfter ?? DateTimeOffset.UtcNow.AddDays(90);
        return Issue(commonName, usage == "serverAuth" ? ServerAuth : ClientAuth, names: null, until.AddDays(-120), until);
    }

    /// <summary>A serving certificate with its key for 127.0.0.1 and <paramref name="dnsNames"/>, as Kestrel takes it.</summary>
    public X509Certificate2 IssueServing(string commonName, params string[] dnsNames)
    {
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        foreach (var name in dnsNames)
        {
            names.AddDnsName(name);
        }

        return Issue(commonName, ServerAuth, names, DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(90));
    }

    /// <summary>Issues a serving certificate named <paramref name="commonName"/> for 127.0.0.1 and localhost and writes both files.</summary>
    public X509Certificate2 WriteServing(string commonName)
    {
        using var serving = IssueServing(commonName, "localhost");
        using var key = serving.GetRSAPrivateKey()!;
        // Written to temporary names and moved in, as a Secret volume update swaps files.
        File.WriteAllText(CertificatePath + ".tmp", serving.ExportCertificatePem() + "\n" + CaPem + "\n");
        File.WriteAllText(KeyPath + ".tmp", key.ExportPkcs8PrivateKeyPem());
        File.Move(KeyPath + ".tmp", KeyPath, overwrite: true);
        File.Move(CertificatePath + ".tmp", CertificatePath, overwrite: true);
        return X509CertificateLoader.LoadCertificate(serving.RawData);
    }

    /// <summary>
    /// An HTTP client that trusts only <see cref="Ca"/> and reports the certificate each handshake presented;
    /// <paramref name="configure"/> changes the handler further (a client certificate, timeouts).
    /// </summary>
    public HttpClient Client(Action<X509Certificate2>? seen = null, SslProtocols protocols = SslProtocols.None, Action<SocketsHttpHandler>? configure = null)
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
        if (!_directory.IsValueCreated)
        {
            return;
        }

        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // A watcher may still hold the folder for a moment; the temp folder is cleaned by the OS later.
        }
    }

    private X509Certificate2 Issue(string commonName, string usage, SubjectAlternativeNameBuilder? names, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={commonName}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        if (names is not null)
        {
            request.CertificateExtensions.Add(names.Build());
        }

        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid(usage)], false));
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(Ca, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var issued = request.Create(Ca.SubjectName, X509SignatureGenerator.CreateForRSA(_caKey, RSASignaturePadding.Pkcs1), notBefore, notAfter, RandomNumberGenerator.GetBytes(12));
        using var withKey = issued.CopyWithPrivateKey(key);
        // Kestrel, and TLS presenting a client certificate, want on Linux a key they can export: PKCS#12 gives one.
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null);
    }
}
