namespace Alerts.Api;

/// <summary>An HTTP answer that both hosts (Functions and the local host) write out: a JSON body or an HTML page.</summary>
public sealed record ApiResponse(int Status, object? Json = null, string? Html = null)
{
    public static ApiResponse Problem(int status, string title, IReadOnlyList<string>? errors = null) =>
        new(status, new ApiProblem(title, errors ?? []));
}
