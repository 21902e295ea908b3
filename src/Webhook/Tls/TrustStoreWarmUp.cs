using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Tarnfui.Webhook.Tls;

/// <summary>
/// Reads the machine's trust store on a thread of its own while the host is built. On Linux .NET reads and parses the
/// whole system bundle for the first chain it builds, whatever the chain's trust mode, and caches it for the process:
/// the serving context and the API client's first handshake (which readiness waits for, as the namespace cache must
/// list first) both need it, and would otherwise start that load only once the host runs. Started only when the
/// process reads that store at all (<see cref="Tarnfui.Kube.MachineTrustStore"/>).
/// </summary>
internal static class TrustStoreWarmUp
{
    /// <summary>Starts the load and returns at once; a failure here is left to the handshake that needs the store, which reports it.</summary>
    public static void Start() => _ = Task.Run(Load);

    private static void Load()
    {
        try
        {
            // The machine's root store is the cache chain building reads from.
            using var store = new X509Store(StoreName.Root, StoreLocation.LocalMachine);
            store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
            foreach (var certificate in store.Certificates)
            {
                certificate.Dispose();
            }
        }
        catch (CryptographicException)
        {
        }
    }
}
