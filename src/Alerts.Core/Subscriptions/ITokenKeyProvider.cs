namespace Alerts.Subscriptions;

/// <summary>The secret that signs subscription tokens (confirmation and unsubscribe links).</summary>
public interface ITokenKeyProvider
{
    Task<byte[]> GetKeyAsync(CancellationToken cancellationToken);
}
