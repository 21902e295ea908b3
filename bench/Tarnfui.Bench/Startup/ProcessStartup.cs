using System.Diagnostics;

namespace Tarnfui.Bench.Startup;

/// <summary>
/// Time from <see cref="Process.Start()"/> of a program to the moment a condition says it is up (its <c>/readyz</c>
/// answers 200, the API server saw its first request…), polled every few milliseconds within a bound. The process
/// is killed afterwards, once an optional step has used it (read its memory, sent it requests).
/// </summary>
public static class ProcessStartup
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(5);

    /// <summary>How long a start took: wall time, and the CPU time the program used until then (user + system, all threads).</summary>
    /// <remarks>On a shared machine the CPU time is the steadier figure: it does not grow while the program waits for a core.</remarks>
    public readonly record struct Measurement(TimeSpan Wall, TimeSpan Cpu);

    /// <summary>Starts <paramref name="start"/> and returns how long until <paramref name="isUp"/> held.</summary>
    /// <param name="start">The program; its output is redirected and drained, so that a full pipe cannot stall it.</param>
    /// <param name="isUp">Checked every 5 ms from the start; true once the program is up.</param>
    /// <param name="timeout">How long to wait before giving up with a <see cref="TimeoutException"/> that carries the program's output.</param>
    /// <param name="whileUp">Run with the process id once it is up and measured, before it is killed; within the same bound.</param>
    public static async Task<Measurement> MeasureAsync(
        ProcessStartInfo start, Func<CancellationToken, Task<bool>> isUp, TimeSpan timeout, Func<int, CancellationToken, Task>? whileUp = null)
    {
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(isUp);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        start.UseShellExecute = false;
        var output = new System.Text.StringBuilder();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(output, e.Data);
        process.ErrorDataReceived += (_, e) => Append(output, e.Data);
        using var bound = new CancellationTokenSource(timeout);
        var started = Stopwatch.GetTimestamp();
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var poll = new PeriodicTimer(PollInterval);
            while (!await isUp(bound.Token))
            {
                if (process.HasExited)
                {
                    throw new InvalidOperationException($"{start.FileName} {string.Join(' ', start.ArgumentList)} exited with {process.ExitCode} before it was up:\n{Text(output)}");
                }

                await poll.WaitForNextTickAsync(bound.Token);
            }

            var wall = Stopwatch.GetElapsedTime(started);
            process.Refresh();
            var measurement = new Measurement(wall, process.TotalProcessorTime);
            if (whileUp is not null)
            {
                await whileUp(process.Id, bound.Token);
            }

            return measurement;
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
            throw new TimeoutException($"{start.FileName} {string.Join(' ', start.ArgumentList)} was not up within {timeout}:\n{Text(output)}");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync(CancellationToken.None);
            }
        }
    }

    /// <summary>A condition that holds once <paramref name="url"/> answers 200 (connection refused and 503 are "not yet").</summary>
    public static Func<CancellationToken, Task<bool>> Returns200(HttpClient client, Uri url) => async cancellationToken =>
    {
        try
        {
            using var response = await client.GetAsync(url, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    };

    private static void Append(System.Text.StringBuilder output, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private static string Text(System.Text.StringBuilder output)
    {
        lock (output)
        {
            return output.ToString();
        }
    }
}
