using System.CommandLine;

namespace Alerts.Cli;

/// <summary>
/// <c>--api</c> and <c>--key</c>: talk to a running app's API. Without <c>--api</c> (or ALERTS_API_URL), commands work
/// directly against the storage in the settings (Azurite by default).
/// </summary>
internal sealed class ApiTarget
{
    public Option<Uri?> Api { get; } = new("--api")
    {
        Description = "Base URL of a running app, e.g. http://localhost:7071 (default: ALERTS_API_URL; none: work directly against storage).",
        // System.CommandLine has no converter for Uri.
        CustomParser = result =>
        {
            var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
            if (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps))
            {
                return uri;
            }
            result.AddError($"--api needs an absolute http(s) URL such as http://localhost:7071; got '{text}'.");
            return null;
        },
    };

    public Option<string?> Key { get; } = new("--key") { Description = "Function key for the management API (default: ALERTS_API_KEY)." };

    public void AddTo(Command command)
    {
        command.Options.Add(Api);
        command.Options.Add(Key);
    }

    public ISubscriptionsClient CreateClient(ParseResult result)
    {
        var (api, key) = Resolve(result);
        return api is not null
            ? new ApiSubscriptionsClient(api, key)
            : new DirectSubscriptionsClient(CliServices.Build(CliConfiguration.Build()));
    }

    public IResultsClient CreateResultsClient(ParseResult result)
    {
        var (api, key) = Resolve(result);
        return api is not null
            ? new ApiResultsClient(api, key)
            : new DirectResultsClient(CliServices.Build(CliConfiguration.Build()));
    }

    private (Uri? Api, string? Key) Resolve(ParseResult result) =>
        (result.GetValue(Api) ?? (Environment.GetEnvironmentVariable("ALERTS_API_URL") is { Length: > 0 } url ? new Uri(url) : null),
            result.GetValue(Key) ?? Environment.GetEnvironmentVariable("ALERTS_API_KEY"));
}
