using Microsoft.Extensions.Options;

namespace Tarnfui.Webhook.Tls;

/// <summary>
/// Reloads <see cref="CertificateStore"/> and <see cref="ClientCaStore"/> when their files change (FileSystemWatcher
/// on their folders) and on a timer: a Kubernetes Secret volume swaps a <c>..data</c> symlink, which some file
/// systems do not report.
/// </summary>
internal sealed class CertificateReloader(CertificateStore store, ClientCaStore clientCas, IOptions<WebhookOptions> options) : BackgroundService
{
    private readonly List<FileSystemWatcher> _watchers = [];
    private readonly SemaphoreSlim _changed = new(0, 1);

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        // Loaded before Kestrel starts listening, so the first handshake already has a certificate.
        Reload();
        string[] files = clientCas.Path is { } clientCa ? [store.CertificatePath, store.KeyPath, clientCa] : [store.CertificatePath, store.KeyPath];
        foreach (var folder in files.Select(Folder).Distinct(StringComparer.Ordinal))
        {
            if (!Directory.Exists(folder))
            {
                continue;
            }

            var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = false, NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size | NotifyFilters.CreationTime };
            watcher.Changed += OnChanged;
            watcher.Created += OnChanged;
            watcher.Renamed += OnChanged;
            watcher.Deleted += OnChanged;
            watcher.EnableRaisingEvents = true;
            _watchers.Add(watcher);
        }

        return base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var interval = options.Value.CertificateCheckInterval;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Wakes on a file notification or when the interval passes, whichever comes first.
                await _changed.WaitAsync(interval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Reload();
        }
    }

    public override void Dispose()
    {
        foreach (var watcher in _watchers)
        {
            watcher.Dispose();
        }

        _changed.Dispose();
        base.Dispose();
    }

    private void OnChanged(object sender, FileSystemEventArgs e)
    {
        if (_changed.CurrentCount == 0)
        {
            try
            {
                _changed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another notification got there first; one reload covers both.
            }
        }
    }

    private void Reload()
    {
        store.Reload();
        clientCas.Reload();
    }

    private static string Folder(string path) => Path.GetDirectoryName(Path.GetFullPath(path)) ?? ".";
}
