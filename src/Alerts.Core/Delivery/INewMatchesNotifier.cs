namespace Alerts.Delivery;

/// <summary>Hands newly matched articles to immediate delivery.</summary>
public interface INewMatchesNotifier
{
    Task NotifyAsync(NewMatchesMessage message, CancellationToken cancellationToken);
}
