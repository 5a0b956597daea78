namespace Alerts.Api;

/// <summary>The error body: a sentence, and one line per problem found.</summary>
public sealed record ApiProblem(string Title, IReadOnlyList<string> Errors);
