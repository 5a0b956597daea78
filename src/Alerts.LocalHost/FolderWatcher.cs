using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;

namespace Alerts.LocalHost;

/// <summary>
/// <c>--watch</c>: files dropped into a local folder are uploaded to the <c>articles</c> container, the local stand-in
/// for "triggered by an upload". A file is uploaded once it has stopped growing.
/// </summary>
public sealed class FolderWatcher(string folder, ArticleUploader uploader, ActivityReporter reporter) : BackgroundService
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(400);
    private readonly ConcurrentDictionary<string, byte> _seen = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        Directory.CreateDirectory(folder);
        var changed = System.Threading.Channels.Channel.CreateUnbounded<string>();
        using var watcher = new FileSystemWatcher(folder) { IncludeSubdirectories = false, EnableRaisingEvents = true };
        watcher.Created += (_, e) => changed.Writer.TryWrite(e.FullPath);
        watcher.Changed += (_, e) => changed.Writer.TryWrite(e.FullPath);
        watcher.Renamed += (_, e) => changed.Writer.TryWrite(e.FullPath);
        foreach (var existing in Directory.EnumerateFiles(folder))
        {
            changed.Writer.TryWrite(existing);
        }

        await foreach (var path in changed.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            if (Path.GetFileName(path).StartsWith('.') || !_seen.TryAdd(path, 0))
            {
                continue;
            }
            _ = Task.Run(() => UploadWhenStableAsync(path, stoppingToken), stoppingToken);
        }
    }

    private async Task UploadWhenStableAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            long size = -1;
            while (File.Exists(path) && new FileInfo(path).Length != size)
            {
                size = new FileInfo(path).Length;
                await Task.Delay(Settle, cancellationToken).ConfigureAwait(false);
            }
            if (File.Exists(path))
            {
                reporter.Uploaded(path, await uploader.UploadAsync(path, null, cancellationToken).ConfigureAwait(false));
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Azure.RequestFailedException)
        {
            reporter.Warning($"Could not upload {path}: {ex.Message}");
        }
        finally
        {
            // A later change (the same file saved again) uploads it again.
            _seen.TryRemove(path, out _);
        }
    }
}
