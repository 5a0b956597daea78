namespace Alerts.Delivery;

/// <summary>
/// The queue message the analysis path sends when an article meets rules for the first time. One message per
/// article (listing every new match) so an immediate subscriber gets one alert per story, not one per rule.
/// </summary>
public sealed record NewMatchesMessage(string ArticleId, IReadOnlyList<string> Rules);
