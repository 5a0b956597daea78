using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;

namespace Alerts.Storage;

/// <summary>
/// Creates containers, tables or a queue on first use: Bicep creates them in Azure, but nothing does on Azurite.
/// Creation is idempotent, so two callers racing here is harmless. Storage can lose them while the process runs (an
/// emulator restarted without its latest writes, a table deleted by hand): an operation run through
/// <see cref="RunAsync{T}"/> that meets one missing forgets they were created, creates them again and runs once more.
/// </summary>
internal sealed class StorageInitializer(Func<Task> create)
{
    private Task? _ready;
    private int _recreated;

    public StorageInitializer(BlobServiceClient blobs, TableServiceClient tables, IReadOnlyList<string> containers, IReadOnlyList<string> tableNames)
        : this(() => CreateAsync(blobs, tables, containers, tableNames))
    {
    }

    public StorageInitializer(QueueClient queue)
        : this(() => queue.CreateIfNotExistsAsync())
    {
    }

    /// <summary>How many times an operation found a container, table or queue gone and created it again.</summary>
    public int Recreated => Volatile.Read(ref _recreated);

    public Task EnsureAsync(CancellationToken cancellationToken) => Ready().WaitAsync(cancellationToken);

    /// <summary>Runs <paramref name="operation"/> once the resources exist; if it finds one gone, recreates and runs it once more.</summary>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        var ready = Ready();
        await ready.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await operation(cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException ex) when (IsMissingResource(ex))
        {
            // Only the first caller to see this creation fail resets it; the others share the new creation.
            if (Interlocked.CompareExchange(ref _ready, null, ready) == ready)
            {
                Interlocked.Increment(ref _recreated);
            }
            await EnsureAsync(cancellationToken).ConfigureAwait(false);
            return await operation(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task RunAsync(Func<CancellationToken, Task> operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        return RunAsync(async ct =>
        {
            await operation(ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>A 404 for the container, table or queue itself, not for a blob, row or message in it.</summary>
    public static bool IsMissingResource(RequestFailedException ex)
    {
        ArgumentNullException.ThrowIfNull(ex);
        return ex.Status == 404 && ex.ErrorCode is "ContainerNotFound" or "TableNotFound" or "QueueNotFound";
    }

    private Task Ready()
    {
        var ready = Volatile.Read(ref _ready);
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            // Shared by every caller, so it runs to its end whatever one caller's token says.
            ready = create();
            Volatile.Write(ref _ready, ready);
        }
        return ready;
    }

    private static async Task CreateAsync(BlobServiceClient blobs, TableServiceClient tables, IReadOnlyList<string> containers, IReadOnlyList<string> tableNames)
    {
        foreach (var container in containers)
        {
            await blobs.GetBlobContainerClient(container).CreateIfNotExistsAsync().ConfigureAwait(false);
        }
        foreach (var table in tableNames)
        {
            await tables.CreateTableIfNotExistsAsync(table).ConfigureAwait(false);
        }
    }
}
