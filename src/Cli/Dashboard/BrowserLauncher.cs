using System.ComponentModel;
using System.Diagnostics;

namespace Tarnfui.Cli.Dashboard;

/// <summary>Opens a URL in the person's browser the way their system does it: <c>open</c>, <c>start</c> or <c>xdg-open</c>.</summary>
internal static class BrowserLauncher
{
    /// <summary>Null when the browser was asked to open the URL, else why it could not be (a message, never an error).</summary>
    public static string? Open(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var start = OperatingSystem.IsWindows() ? new ProcessStartInfo("cmd", ["/c", "start", "\"\"", url.AbsoluteUri])
            : OperatingSystem.IsMacOS() ? new ProcessStartInfo("open", [url.AbsoluteUri])
            : new ProcessStartInfo("xdg-open", [url.AbsoluteUri]);
        start.UseShellExecute = false;
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        try
        {
            using var process = Process.Start(start);
            return process is null ? $"could not start {start.FileName}" : null;
        }
        catch (Win32Exception e)
        {
            return $"could not start {start.FileName}: {e.Message}";
        }
    }
}
