using System.Security.Cryptography.X509Certificates;
using k8s;

namespace Tarnfui.Webhook.Kube;

/// <summary>
/// The API server's certificate is checked against the cluster's CA alone (the kubeconfig's
/// <c>certificate-authority</c>, or the service account's <c>ca.crt</c> in a pod), as client-go does. Left to
/// itself, the TLS layer first builds the chain against the machine's trust store, finds the cluster CA untrusted,
/// and KubernetesClient then builds it again against the CA: one chain per handshake instead of two.
/// </summary>
/// <remarks>
/// It does not spare the process the machine's trust store by itself: on Linux, .NET reads and parses the system bundle
/// for any chain it builds, a custom root trust included. <see cref="Tarnfui.Kube.MachineTrustStore"/> sets that store aside
/// for the webhook's own process, since with a CA given here it decides nothing.
/// </remarks>
internal static class ClusterCaTrust
{
    /// <summary>Makes the client built from <paramref name="configuration"/> validate with <see cref="Policy"/>; unchanged when there is no CA or TLS checks are off.</summary>
    public static KubernetesClientConfiguration Apply(KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.SkipTlsVerify || configuration.SslCaCerts is not { Count: > 0 } authorities)
        {
            return configuration;
        }

        var previous = configuration.FirstMessageHandlerSetup;
        configuration.FirstMessageHandlerSetup = handler =>
        {
            previous?.Invoke(handler);
            handler.SslOptions.CertificateChainPolicy = Policy(authorities);
        };
        return configuration;
    }

    /// <summary>Chains end at one of <paramref name="authorities"/>, for server authentication; no revocation or download (the cluster CA publishes neither).</summary>
    public static X509ChainPolicy Policy(X509Certificate2Collection authorities)
    {
        ArgumentNullException.ThrowIfNull(authorities);
        var policy = new X509ChainPolicy
        {
            TrustMode = X509ChainTrustMode.CustomRootTrust,
            RevocationMode = X509RevocationMode.NoCheck,
            DisableCertificateDownloads = true,
        };
        policy.CustomTrustStore.AddRange(authorities);
        return policy;
    }
}
