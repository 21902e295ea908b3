using System.Runtime.InteropServices;
using k8s;

namespace Tarnfui.Webhook.Tls;

/// <summary>
/// Keeps the machine's trust store out of a webhook process that never trusts it. Every certificate the webhook checks
/// is checked against a CA it was given: the API server's against the cluster CA (<see cref="Kube.ClusterCaTrust"/>),
/// the API server's client certificate against <c>Webhook:ClientCaFile</c> (<see cref="ClientCaStore"/>); its own
/// serving chain is completed from its PEM file. Yet on Linux .NET reads and parses the machine's whole store (the
/// bundle, then every file of its folder) for the first chain a process builds, a custom root trust included, and
/// keeps it: about half of what a start costs, for roots that decide nothing. So when the API client has a CA of its
/// own (or checks nothing), the process points OpenSSL's store locations at an empty file before anything builds a
/// chain, as client-go never loads the system roots once it is given a CA. Locations named in the environment are
/// replaced too, and the log says so: they could change no decision of this process either.
/// </summary>
internal static partial class MachineTrustStore
{
    /// <summary>The variables OpenSSL, and .NET's store on top of it, take the machine store's locations from.</summary>
    public static readonly IReadOnlyList<string> Locations = ["SSL_CERT_FILE", "SSL_CERT_DIR"];

    /// <summary>Where they point when the store is set aside: a file that exists on every Linux and holds nothing.</summary>
    public const string Empty = "/dev/null";

    /// <summary>Whether no certificate check of the process can end at a machine root.</summary>
    public static bool IsUnused(KubernetesClientConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.SkipTlsVerify || configuration.SslCaCerts is { Count: > 0 };
    }

    /// <summary>What the environment named before, for the log: <c>NAME=value</c> or <c>NAME unset</c> for each of <see cref="Locations"/>.</summary>
    public static string Named(Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        return string.Join(", ", Locations.Select(name => environment(name) is { Length: > 0 } value ? $"{name}={value}" : $"{name} unset"));
    }

    /// <summary>
    /// Sets the store aside for this process when <see cref="IsUnused"/>. Call it first thing, before a thread of the
    /// program runs: the process's environment is changed in place, and nothing may read it meanwhile.
    /// </summary>
    /// <returns>True when the store is set aside; false when it is read as usual.</returns>
    public static bool SetAsideIfUnused(KubernetesClientConfiguration configuration)
    {
        if (!OperatingSystem.IsLinux() || !IsUnused(configuration))
        {
            return false;
        }

        foreach (var name in Locations)
        {
            // .NET keeps its own copy of the environment, which OpenSSL does not read. A failure (no memory for the
            // variable) leaves the store to be read: slower, not wrong.
            if (SetNativeVariable(name, Empty, overwrite: 1) != 0)
            {
                return false;
            }
        }

        return true;
    }

    [LibraryImport("libc", EntryPoint = "setenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial int SetNativeVariable(string name, string value, int overwrite);
}
