using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Alerts.Storage;

/// <summary>
/// Creates containers and tables on first use: Bicep creates them in Azure, but nothing does on Azurite.
/// Creation is idempotent, so two callers racing here is harmless.
/// </summary>
internal sealed class StorageInitializer(BlobServiceClient blobs, TableServiceClient tables, IReadOnlyList<string> containers, IReadOnlyList<string> tableNames)
{
    private Task? _ready;

    public Task EnsureAsync(CancellationToken cancellationToken)
    {
        var ready = Volatile.Read(ref _ready);
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            ready = CreateAsync();
            Volatile.Write(ref _ready, ready);
        }
        return ready.WaitAsync(cancellationToken);
    }

    private async Task CreateAsync()
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
