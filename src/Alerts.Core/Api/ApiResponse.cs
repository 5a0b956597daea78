using System.Globalization;

namespace Alerts.Api;

/// <summary>
/// An HTTP answer that both hosts (Functions and the local host) write out: a JSON body or an HTML page, and the
/// headers in <see cref="Headers"/> (such as <c>Retry-After</c>).
/// </summary>
public sealed record ApiResponse(int Status, object? Json = null, string? Html = null)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    public static ApiResponse Problem(int status, string title, IReadOnlyList<string>? errors = null, TimeSpan? retryAfter = null) =>
        new(status, new ApiProblem(title, errors ?? []))
        {
            Headers = retryAfter is { } wait
                ? new Dictionary<string, string> { ["Retry-After"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture) }
                : new Dictionary<string, string>(),
        };
}
