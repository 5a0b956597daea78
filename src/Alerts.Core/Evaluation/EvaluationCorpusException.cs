namespace Alerts.Evaluation;

/// <summary>A labelled corpus that cannot be read; the message names the file and what is wrong.</summary>
public sealed class EvaluationCorpusException : Exception
{
    public EvaluationCorpusException()
    {
    }

    public EvaluationCorpusException(string message) : base(message)
    {
    }

    public EvaluationCorpusException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
