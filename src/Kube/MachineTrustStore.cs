using System.Runtime.InteropServices;
using k8s;

namespace Tarnfui.Kube;

/// <summary>
/// Keeps the machine's trust store out of a process that never trusts it. On Linux .NET reads and parses the machine's
/// whole store (the bundle, then every file of its folder) for the first chain a process builds, a custom root trust
/// included, and keeps it for the process: for the webhook about half of what a start costs, for the sweeper resident
/// memory it holds all night, for roots that decide nothing when every certificate the process checks is checked
/// against a CA it was given. The API client is one such check when it has a CA of its own (or checks nothing); each
/// program knows what else it talks to over TLS and asks <see cref="IsUnused"/> only for the API client. When nothing
/// needs it, the program points OpenSSL's store locations at an empty file before anything builds a chain, as
/// client-go never loads the system roots once it is given a CA. Locations named in the environment are replaced too,
/// and the program logs it (<see cref="SetAsideMessage"/>): they could change no decision of the process either.
/// </summary>
public static partial class MachineTrustStore
{
    /// <summary>The variables OpenSSL, and .NET's store on top of it, take the machine store's locations from.</summary>
    public static readonly IReadOnlyList<string> Locations = ["SSL_CERT_FILE", "SSL_CERT_DIR"];

    /// <summary>Where they point when the store is set aside: a file that exists on every Linux and holds nothing.</summary>
    public const string Empty = "/dev/null";

    /// <summary>The line each program logs once it has set the store aside, with <see cref="Empty"/> and <see cref="Named"/>.</summary>
    public const string SetAsideMessage =
        "Machine trust store set aside: every certificate this process checks is checked against a CA it was given, so SSL_CERT_FILE and SSL_CERT_DIR now point at {Empty} (the environment had {Named})";

    /// <summary>Whether no certificate check of the API client can end at a machine root.</summary>
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
    /// Sets the store aside for this process, on Linux. Call it only once the program knows that nothing it does can
    /// need the store, and before any of its threads runs native code that may read the environment or build a
    /// chain: the process's environment is changed in place, and nothing may read it meanwhile.
    /// </summary>
    /// <returns>True when the store is set aside; false when it is read as usual.</returns>
    public static bool SetAside()
    {
        if (!OperatingSystem.IsLinux())
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
