using System.Text.Json.Nodes;

namespace Alerts.Cli;

/// <summary>
/// The HTTP connection the CLI's API clients share: the app's <c>/api/</c> base, its function key, and answers read as
/// a status and a JSON body (a body that is not JSON is kept as a string, so an error page still reaches the user).
/// </summary>
internal sealed class ApiConnection : IDisposable
{
    private readonly HttpClient _http;

    public ApiConnection(Uri baseUrl, string? functionKey)
    {
        _http = new HttpClient { BaseAddress = new Uri(baseUrl.ToString().TrimEnd('/') + "/api/"), Timeout = TimeSpan.FromSeconds(60) };
        if (!string.IsNullOrEmpty(functionKey))
        {
            _http.DefaultRequestHeaders.Add("x-functions-key", functionKey);
        }
    }

    public async Task<(int Status, JsonNode? Body)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            using var response = await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            JsonNode? body = null;
            if (text.Length > 0)
            {
                try
                {
                    body = JsonNode.Parse(text);
                }
                catch (System.Text.Json.JsonException)
                {
                    body = JsonValue.Create(text);
                }
            }
            return ((int)response.StatusCode, body);
        }
    }

    public void Dispose() => _http.Dispose();
}
