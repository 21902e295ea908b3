using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using Tarnfui.Deploy.Tests.Infrastructure;

namespace Tarnfui.Deploy.Tests.Publishing;

/// <summary>A started program whose output is collected and whose listening addresses are read from its logs.</summary>
internal sealed partial class RunningProgram : IAsyncDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();
    private readonly List<Uri> addresses = [];
    private readonly int expectedAddresses;
    private readonly TaskCompletionSource listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RunningProgram(Process process, int expectedAddresses)
    {
        this.process = process;
        this.expectedAddresses = expectedAddresses;
    }

    public string Output
    {
        get
        {
            lock (output)
            {
                return output.ToString();
            }
        }
    }

    /// <summary>Starts <c>command</c> and returns once it logged <paramref name="expectedAddresses"/> "Now listening on" lines.</summary>
    public static async Task<RunningProgram> StartAsync(
        IReadOnlyList<string> command, IReadOnlyDictionary<string, string?> environment, int expectedAddresses, TimeSpan timeout)
    {
        var process = new Process { StartInfo = ProcessRunner.CreateStartInfo(command[0], command.Skip(1), environment: environment), EnableRaisingEvents = true };
        var program = new RunningProgram(process, expectedAddresses);
        process.OutputDataReceived += (_, e) => program.Observe(e.Data);
        process.ErrorDataReceived += (_, e) => program.Observe(e.Data);
        process.Exited += (_, _) => program.listening.TrySetException(new InvalidOperationException($"{string.Join(' ', command)} exited before listening:\n{program.Output}"));
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await program.listening.Task.WaitAsync(timeout);
        }
        catch (TimeoutException)
        {
            await program.DisposeAsync();
            throw new TimeoutException($"{string.Join(' ', command)} did not listen within {timeout}:\n{program.Output}");
        }

        return program;
    }

    public Uri Address(string scheme)
    {
        lock (output)
        {
            return addresses.Single(a => a.Scheme == scheme);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
        }

        process.Dispose();
    }

    private void Observe(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
            // ASP.NET Core logs each bound address, the actual port included when 0 was asked for.
            var match = ListeningPattern().Match(line);
            if (match.Success)
            {
                addresses.Add(new Uri(match.Groups["url"].Value));
                if (addresses.Count >= expectedAddresses)
                {
                    listening.TrySetResult();
                }
            }
        }
    }

    [GeneratedRegex(@"Now listening on: (?<url>https?://[^\s""]+)")]
    private static partial Regex ListeningPattern();
}
