namespace Alerts.Rules;

/// <summary>A rule or query that cannot be used: bad JSON, a missing field, a query that does not parse.</summary>
public sealed class RuleException : Exception
{
    public RuleException()
    {
    }

    public RuleException(string message)
        : base(message)
    {
    }

    public RuleException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
