namespace Alerts.Outcomes;

/// <summary>A continuation token that no listing handed out (altered, truncated, or from another listing).</summary>
public sealed class InvalidContinuationException : Exception
{
    public InvalidContinuationException()
        : base("The continuation token is not valid: pass back the one a listing returned, or start again without it.")
    {
    }

    public InvalidContinuationException(string message)
        : base(message)
    {
    }

    public InvalidContinuationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
