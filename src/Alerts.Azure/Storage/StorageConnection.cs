using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Microsoft.Extensions.Configuration;

namespace Alerts.Storage;

/// <summary>
/// Reads a storage connection the way the Functions host reads a trigger's <c>Connection</c>, so the triggers and
/// the stores always talk to the same account: a connection string as the setting's value, or an identity-based
/// connection (<c>__blobServiceUri</c>, <c>__queueServiceUri</c>, <c>__tableServiceUri</c> or <c>__accountName</c>,
/// with <c>__credential</c> = <c>managedidentity</c> and <c>__clientId</c>).
/// </summary>
public sealed class StorageConnection
{
    private StorageConnection(string? connectionString, Uri? blob, Uri? queue, Uri? table, TokenCredential? credential)
    {
        ConnectionString = connectionString;
        BlobServiceUri = blob;
        QueueServiceUri = queue;
        TableServiceUri = table;
        Credential = credential;
    }

    public string? ConnectionString { get; }
    public Uri? BlobServiceUri { get; }
    public Uri? QueueServiceUri { get; }
    public Uri? TableServiceUri { get; }
    public TokenCredential? Credential { get; }

    public static StorageConnection FromConnectionString(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return new StorageConnection(connectionString, null, null, null, null);
    }

    /// <exception cref="InvalidOperationException">The setting is missing or incomplete; the message names what to set.</exception>
    public static StorageConnection FromConfiguration(IConfiguration configuration, string name = StorageNames.Connection)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(name);
        var value = section.Value ?? configuration[name];
        if (!string.IsNullOrWhiteSpace(value))
        {
            return FromConnectionString(value);
        }

        var account = section["accountName"];
        var blob = Uri(section["blobServiceUri"] ?? section["serviceUri"]) ?? AccountUri(account, "blob");
        var queue = Uri(section["queueServiceUri"]) ?? AccountUri(account, "queue");
        var table = Uri(section["tableServiceUri"]) ?? AccountUri(account, "table");
        if (blob is null || queue is null || table is null)
        {
            throw new InvalidOperationException(
                $"The storage connection '{name}' is not configured. Set '{name}' to a connection string (UseDevelopmentStorage=true for Azurite), " +
                $"or '{name}__accountName' (or __blobServiceUri, __queueServiceUri and __tableServiceUri) for an identity-based connection.");
        }

        TokenCredential credential = string.Equals(section["credential"], "managedidentity", StringComparison.OrdinalIgnoreCase)
            ? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(section["clientId"] ?? throw new InvalidOperationException($"'{name}__clientId' is required with '{name}__credential=managedidentity'.")))
            : new DefaultAzureCredential();
        return new StorageConnection(null, blob, queue, table, credential);
    }

    public BlobServiceClient CreateBlobServiceClient(BlobClientOptions? options = null) =>
        ConnectionString is not null ? new BlobServiceClient(ConnectionString, options) : new BlobServiceClient(BlobServiceUri, Credential, options);

    public QueueServiceClient CreateQueueServiceClient(QueueClientOptions? options = null) =>
        ConnectionString is not null ? new QueueServiceClient(ConnectionString, options) : new QueueServiceClient(QueueServiceUri, Credential, options);

    public TableServiceClient CreateTableServiceClient(TableClientOptions? options = null) =>
        ConnectionString is not null ? new TableServiceClient(ConnectionString, options) : new TableServiceClient(TableServiceUri, Credential, options);

    private static Uri? Uri(string? value) => string.IsNullOrWhiteSpace(value) ? null : new Uri(value);

    private static Uri? AccountUri(string? account, string service) =>
        string.IsNullOrWhiteSpace(account) ? null : new Uri($"https://{account}.{service}.core.windows.net");
}
