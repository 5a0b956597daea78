using System.Globalization;

namespace Alerts.Api;

/// <summary>
/// An HTTP answer that both hosts (Functions and the local host) write out: a JSON body, an HTML page or ready bytes
/// of another type (<see cref="Content"/>, such as an Atom feed), and the headers in <see cref="Headers"/> (such as
/// <c>Retry-After</c>).
/// </summary>
public sealed record ApiResponse(int Status, object? Json = null, string? Html = null)
{
    public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();

    /// <summary>A body already written, sent as it is with <see cref="ContentType"/>.</summary>
    public ReadOnlyMemory<byte>? Content { get; init; }

    public string? ContentType { get; init; }

    public static ApiResponse Problem(int status, string title, IReadOnlyList<string>? errors = null, TimeSpan? retryAfter = null) =>
        new(status, new ApiProblem(title, errors ?? []))
        {
            Headers = retryAfter is { } wait
                ? new Dictionary<string, string> { ["Retry-After"] = ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture) }
                : new Dictionary<string, string>(),
        };
}
