using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Tarnfui.Deploy.Tests.Infrastructure;
using Tarnfui.Testing;

namespace Tarnfui.Deploy.Tests.Monitoring;

/// <summary>
/// A real <c>prometheus</c> on a free loopback port with its own temporary storage, answering PromQL over its HTTP
/// API; ended by its process id on dispose. Its log is kept for failure messages.
/// </summary>
internal sealed class RunningPrometheus : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();

    private RunningPrometheus(Process process, Uri address)
    {
        _process = process;
        Http = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public HttpClient Http { get; }

    public string Log
    {
        get
        {
            lock (_log)
            {
                return _log.ToString();
            }
        }
    }

    /// <summary>Starts prometheus with <paramref name="configFile"/>, storing under <paramref name="storage"/>, and waits until it is ready.</summary>
    public static async Task<RunningPrometheus> StartAsync(string configFile, string storage)
    {
        var port = FreeLoopbackPort();
        var start = ProcessRunner.CreateStartInfo(PrometheusTools.Prometheus,
        [
            $"--config.file={configFile}", $"--storage.tsdb.path={storage}", $"--web.listen-address=127.0.0.1:{port}",
            "--log.level=warn",
        ]);
        var prometheus = new RunningPrometheus(new Process { StartInfo = start }, new Uri($"http://127.0.0.1:{port}"));
        prometheus._process.ErrorDataReceived += (_, e) => prometheus.Append(e.Data);
        prometheus._process.OutputDataReceived += (_, e) => prometheus.Append(e.Data);
        prometheus._process.Start();
        prometheus._process.BeginErrorReadLine();
        prometheus._process.BeginOutputReadLine();
        try
        {
            await Eventually.UntilAsync(() => prometheus.IsReadyAsync(), "prometheus answers /-/ready");
        }
        catch
        {
            await prometheus.DisposeAsync();
            throw;
        }

        return prometheus;
    }

    /// <summary>The <c>data</c> of an instant query's answer; throws with the answer when its status is not success.</summary>
    public async Task<JsonElement> QueryAsync(string expression)
    {
        var answer = await Http.GetAsync(new Uri("/api/v1/query?query=" + Uri.EscapeDataString(expression), UriKind.Relative));
        var body = await answer.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(body);
        if (!answer.IsSuccessStatusCode || document.RootElement.GetProperty("status").GetString() != "success")
        {
            throw new InvalidOperationException($"{expression} answered {(int)answer.StatusCode}: {body}");
        }

        return document.RootElement.GetProperty("data").Clone();
    }

    /// <summary>The value of an expression that yields one sample, or null while it yields none.</summary>
    public async Task<double?> ScalarAsync(string expression)
    {
        var result = (await QueryAsync(expression)).GetProperty("result");
        return result.GetArrayLength() == 0 ? null : double.Parse(result[0].GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task<JsonElement> RulesAsync()
    {
        using var document = JsonDocument.Parse(await Http.GetStringAsync(new Uri("/api/v1/rules", UriKind.Relative)));
        return document.RootElement.GetProperty("data").Clone();
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }

    private async Task<bool> IsReadyAsync()
    {
        if (_process.HasExited)
        {
            throw new InvalidOperationException($"prometheus exited {_process.ExitCode}:\n{Log}");
        }

        try
        {
            return (await Http.GetAsync(new Uri("/-/ready", UriKind.Relative))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private void Append(string? line)
    {
        lock (_log)
        {
            _log.AppendLine(line);
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
