namespace Alerts.Subscriptions;

/// <summary>Which channels the app sends to (email, webhook) and which the subscriber fetches (feed).</summary>
public static class PushedChannels
{
    /// <summary>False for a feed: the digest timer, immediate alerts and the index of immediate subscribers leave it out.</summary>
    public static bool IsPushed(this Channel channel) => channel != Channel.Feed;
}
