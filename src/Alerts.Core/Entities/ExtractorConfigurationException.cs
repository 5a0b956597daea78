namespace Alerts.Entities;

/// <summary>
/// An entity extractor cannot work until its settings or roles are fixed (a wrong key, a missing role, a wrong
/// endpoint). Not the article's fault and not healed by falling back: the upload path records it against the
/// upload and fails the invocation, so the trigger retries it and, after its retries, poisons it.
/// </summary>
public class ExtractorConfigurationException : Exception
{
    public ExtractorConfigurationException()
    {
    }

    public ExtractorConfigurationException(string message)
        : base(message)
    {
    }

    public ExtractorConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The stable reason recorded on the upload, e.g. <c>language-config</c>.</summary>
    public virtual string Reason => "extractor-config";
}
