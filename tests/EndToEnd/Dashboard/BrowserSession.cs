using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Tarnfui.Testing;

namespace Tarnfui.EndToEnd.Dashboard;

/// <summary>
/// One page of Debian's headless chromium, driven by playwright-core through <c>browser-session.cjs</c>: one JSON
/// command per line on its stdin, one JSON answer per line on its stdout. A missing chromium, Node or playwright-core
/// fails the test with what to run: CI installs them (scripts/install-prerequisites.sh), so a skip would only hide
/// that the dashboard was never opened in a browser.
/// </summary>
internal sealed class BrowserSession : IAsyncDisposable
{
    public const string Chromium = "/usr/bin/chromium";

    // Ends a test that would otherwise hang; a passing test never comes near it.
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(90);
    private readonly Process _node;
    private readonly StringBuilder _error = new();
    private readonly SemaphoreSlim _one = new(1, 1);

    private BrowserSession(Process node)
    {
        _node = node;
        _node.ErrorDataReceived += (_, e) =>
        {
            lock (_error)
            {
                _error.AppendLine(e.Data);
            }
        };
        _node.BeginErrorReadLine();
    }

    /// <summary>Opens chromium with JavaScript on or off and a laptop-sized window.</summary>
    public static async Task<BrowserSession> StartAsync(bool javaScript = true)
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: run scripts/install-prerequisites.sh (it installs Debian's chromium)");
        }

        var modules = RepositoryRoot.PathOf(".cache", "playwright", "node_modules");
        if (!Directory.Exists(Path.Combine(modules, "playwright-core")))
        {
            throw new InvalidOperationException($"playwright-core is not in {modules}: run scripts/install-prerequisites.sh");
        }

        var options = new JsonObject { ["executablePath"] = Chromium, ["javaScriptEnabled"] = javaScript, ["timeoutMs"] = 30_000 };
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RepositoryRoot.PathOf("tests", "EndToEnd", "Dashboard", "browser-session.cjs"));
        start.ArgumentList.Add(options.ToJsonString());
        start.Environment["NODE_PATH"] = modules;
        var session = new BrowserSession(Process.Start(start) ?? throw new InvalidOperationException("could not start node"));
        var ready = await session.ReadAsync();
        if (ready?["ready"]?.GetValue<bool>() != true)
        {
            await session.DisposeAsync();
            throw new InvalidOperationException($"the browser did not start: {ready?.ToJsonString() ?? "no answer"}; stderr:\n{session.Error}");
        }

        return session;
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    /// <summary>Loads <paramref name="url"/> and returns the HTTP status it was answered with.</summary>
    public async Task<int> GotoAsync(Uri url) => (await SendAsync("goto", new() { ["url"] = url.ToString() }))!["status"]!.GetValue<int>();

    /// <summary>The text of the first element matching <paramref name="selector"/>, white space collapsed; null when none.</summary>
    public async Task<string?> TextAsync(string selector) => (await SendAsync("text", new() { ["selector"] = selector }))?.GetValue<string>();

    public async Task<IReadOnlyList<string>> TextsAsync(string selector) =>
        [.. (await SendAsync("texts", new() { ["selector"] = selector }))!.AsArray().Select(t => t!.GetValue<string>())];

    /// <summary>The path of the page shown (no script runs in the page for it: it works with JavaScript off).</summary>
    public async Task<string> PathAsync() => (await SendAsync("path", []))!.GetValue<string>();

    public async Task<int> CountAsync(string selector) => (await SendAsync("count", new() { ["selector"] = selector }))!.GetValue<int>();

    /// <summary>Waits in the page (no reload) until the first match shows <paramref name="text"/>; returns it.</summary>
    public Task<string> WaitForTextAsync(string selector, string text) => WaitAsync(selector, text, "equals");

    /// <summary>Waits in the page until the first match shows something other than <paramref name="text"/>; returns it.</summary>
    public Task<string> WaitForTextOtherThanAsync(string selector, string text) => WaitAsync(selector, text, "other");

    /// <summary>Waits in the page until the first match shows a text that starts with <paramref name="prefix"/>; returns it.</summary>
    public Task<string> WaitForTextStartingWithAsync(string selector, string prefix) => WaitAsync(selector, prefix, "prefix");

    /// <summary>Runs a JavaScript expression in the page and returns its JSON value.</summary>
    public Task<JsonNode?> EvaluateAsync(string expression) => SendAsync("evaluate", new() { ["expression"] = expression });

    public Task FillAsync(string selector, string value) => SendAsync("fill", new() { ["selector"] = selector, ["value"] = value });

    /// <summary>Clicks the first match (a link, a submit button) and waits for the page it leads to; returns its status.</summary>
    public async Task<int> FollowAsync(string selector) => (await SendAsync("follow", new() { ["selector"] = selector }))!["status"]!.GetValue<int>();

    private async Task<string> WaitAsync(string selector, string text, string match) =>
        (await SendAsync("waitForText", new() { ["selector"] = selector, ["text"] = text, ["match"] = match }))!.GetValue<string>();

    public Task ScreenshotAsync(string path) => SendAsync("screenshot", new() { ["path"] = path });

    /// <summary>The script errors and console errors the page reported so far.</summary>
    public async Task<IReadOnlyList<string>> ProblemsAsync() =>
        [.. (await SendAsync("problems", []))!.AsArray().Select(t => t!.GetValue<string>())];

    private async Task<JsonNode?> SendAsync(string op, JsonObject command)
    {
        command["op"] = op;
        await _one.WaitAsync();
        try
        {
            await _node.StandardInput.WriteLineAsync(command.ToJsonString());
            await _node.StandardInput.FlushAsync();
            var answer = await ReadAsync() ?? throw new InvalidOperationException($"the browser ended during {op}; stderr:\n{Error}");
            return answer["ok"]?.GetValue<bool>() == true
                ? answer["value"]?.DeepClone()
                : throw new InvalidOperationException($"browser {op} {command.ToJsonString()} failed: {answer["error"]}");
        }
        finally
        {
            _one.Release();
        }
    }

    private async Task<JsonNode?> ReadAsync()
    {
        var line = await _node.StandardOutput.ReadLineAsync().WaitAsync(Bound);
        try
        {
            return line is null ? null : JsonNode.Parse(line);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException($"the browser script wrote \"{line}\", not JSON: {e.Message}", e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_node.HasExited)
        {
            try
            {
                await _node.StandardInput.WriteLineAsync("""{"op":"close"}""");
                await _node.StandardInput.FlushAsync();
                await _node.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            }
            catch (Exception e) when (e is IOException or TimeoutException)
            {
                _node.Kill(entireProcessTree: true);
                await _node.WaitForExitAsync();
            }
        }

        _node.Dispose();
        _one.Dispose();
    }
}
