namespace Alerts.Feeds;

/// <summary>Renders a <see cref="FeedDocument"/> as Atom 1.0, UTF-8 (Alerts.Channels writes it with System.ServiceModel.Syndication).</summary>
public interface IFeedWriter
{
    /// <summary>The media type of what <see cref="Write"/> returns.</summary>
    string ContentType { get; }

    byte[] Write(FeedDocument feed);
}
