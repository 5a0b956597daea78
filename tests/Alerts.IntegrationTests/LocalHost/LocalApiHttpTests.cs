using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Alerts.IntegrationTests.Channels;
using Alerts.LocalHost;
using Alerts.Subscriptions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Alerts.IntegrationTests.LocalHost;

/// <summary>
/// The subscription API over HTTP, as a client sees it: the local host's web part on Kestrel (127.0.0.1) against
/// Azurite, driven with HttpClient through every route of the table. Status codes, content types and bodies.
/// </summary>
[Collection(AzuriteGroup.Name)]
public sealed class LocalApiHttpTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private const string Json = "application/json; charset=utf-8";
    private const string ProblemJson = "application/problem+json";
    private const string Html = "text/html; charset=utf-8";

    private static readonly string[] Emergency = ["state-of-emergency"];
    private static readonly string[] EmergencyAndTroops = ["state-of-emergency", "troop-arrivals"];

    private readonly Uri _api = new($"http://127.0.0.1:{LoopbackPorts.Free()}");
    private SmtpCatcher _smtp = null!;
    private IHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpCatcher.StartAsync();
        var settings = new Dictionary<string, string?>(ChannelSettings.For(_smtp))
        {
            ["AlertsStorage"] = azurite.ConnectionString,
            ["Alerts:Subscriptions:PublicBaseUrl"] = _api.ToString(),
        };
        var options = new LocalHostOptions { ApiUrl = _api };
        _host = LocalHostBuilder.BuildApi(
            new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.For(options)).AddInMemoryCollection(settings).Build(), options);
        await _host.StartAsync();
        _http = new HttpClient { BaseAddress = _api, Timeout = TimeSpan.FromSeconds(30) };
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await _smtp.DisposeAsync();
    }

    [Fact]
    public async Task A_subscriber_is_created_listed_read_changed_confirmed_and_unsubscribed_over_http()
    {
        // The rules a subscriber can pick from.
        var (status, type, rules) = await SendAsync(HttpMethod.Get, "/api/rules");
        Assert.Equal((HttpStatusCode.OK, Json), (status, type));
        var rule = rules.EnumerateArray().Single(r => r.GetProperty("id").GetString() == "state-of-emergency");
        Assert.Equal("critical", rule.GetProperty("severity").GetString());

        // Create: 201 with the stored subscription, pending until the emailed link is followed.
        var address = $"http-{Guid.NewGuid():N}@example.org";
        (status, type, var created) = await SendAsync(HttpMethod.Post, "/api/subscriptions",
            JsonContent.Create(new { channel = "email", target = address, rules = Emergency, cadence = "daily", at = "07:30", timeZone = "Europe/Kyiv" }));
        Assert.Equal((HttpStatusCode.Created, Json), (status, type));
        Assert.Equal(("pending", address, "daily", "07:30"), (Text(created, "status"), Text(created, "target"), Text(created, "cadence"), Text(created, "at")));
        var id = Text(created, "id")!;
        var location = $"/api/subscriptions/{Uri.EscapeDataString(id)}";

        // Read it back, and find it in the list filtered by status.
        (status, type, var read) = await SendAsync(HttpMethod.Get, location);
        Assert.Equal((HttpStatusCode.OK, Json, address), (status, type, Text(read, "target")));
        (status, type, var pending) = await SendAsync(HttpMethod.Get, "/api/subscriptions?status=pending");
        Assert.Equal((HttpStatusCode.OK, Json), (status, type));
        Assert.Contains(id, pending.EnumerateArray().Select(s => Text(s, "id")));
        Assert.All(pending.EnumerateArray(), s => Assert.Equal("pending", Text(s, "status")));

        // Change its rules.
        (status, type, var patched) = await SendAsync(HttpMethod.Patch, location, JsonContent.Create(new { rules = EmergencyAndTroops }));
        Assert.Equal((HttpStatusCode.OK, Json), (status, type));
        Assert.Equal(["state-of-emergency", "troop-arrivals"], patched.GetProperty("rules").EnumerateArray().Select(r => r.GetString()));

        // Follow the confirmation link from the email: an HTML page, and the subscription is active.
        var mail = await _smtp.WaitForAsync(address);
        var link = mail.TextBody!.Split('\n').Select(l => l.Trim()).Single(l => l.Contains("/api/confirm?token=", StringComparison.Ordinal));
        link = link[link.IndexOf("http", StringComparison.Ordinal)..];
        Assert.StartsWith(_api.ToString(), link, StringComparison.Ordinal);
        // A GET (a person, or a link scanner) only shows the page; its button POSTs and confirms.
        var (pageStatus, pageType, page) = await SendForTextAsync(HttpMethod.Get, link);
        Assert.Equal((HttpStatusCode.OK, Html), (pageStatus, pageType));
        Assert.Contains("Confirm subscription?", page, StringComparison.Ordinal);
        Assert.Contains("<form method=\"post\"", page, StringComparison.Ordinal);
        (_, _, read) = await SendAsync(HttpMethod.Get, location);
        Assert.Equal("pending", Text(read, "status"));
        (pageStatus, pageType, page) = await SendForTextAsync(HttpMethod.Post, link);
        Assert.Equal((HttpStatusCode.OK, Html), (pageStatus, pageType));
        Assert.Contains("Subscription confirmed", page, StringComparison.Ordinal);
        Assert.Contains(address, page, StringComparison.Ordinal);
        (_, _, read) = await SendAsync(HttpMethod.Get, location);
        Assert.Equal("active", Text(read, "status"));

        // One-click unsubscribe as a mail client does it (RFC 8058): POST to the link from a digest's List-Unsubscribe.
        var token = await _host.Services.GetRequiredService<SubscriptionTokens>().IssueAsync(SubscriptionTokens.Unsubscribe, id, CancellationToken.None);
        (pageStatus, pageType, page) = await SendForTextAsync(HttpMethod.Post, $"/api/unsubscribe?token={Uri.EscapeDataString(token)}",
            new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.Equal((HttpStatusCode.OK, Html), (pageStatus, pageType));
        Assert.Contains("Unsubscribed", page, StringComparison.Ordinal);
        (_, _, read) = await SendAsync(HttpMethod.Get, location);
        Assert.Equal("unsubscribed", Text(read, "status"));

        // Delete: 204 and no body.
        using var deleted = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Delete, location));
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Null(deleted.Content.Headers.ContentType);
        Assert.Empty(await deleted.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task Mistakes_get_problem_json_and_bad_links_get_an_html_page()
    {
        var (status, type, problem) = await SendAsync(HttpMethod.Post, "/api/subscriptions", new StringContent("{\"channel\": \"email\",", Encoding.UTF8, "application/json"));
        Assert.Equal((HttpStatusCode.BadRequest, ProblemJson), (status, type));
        Assert.Equal("The body is not valid JSON for a subscription.", Text(problem, "title"));

        (status, type, problem) = await SendAsync(HttpMethod.Post, "/api/subscriptions", JsonContent.Create(new { channel = "email", target = "not-an-address", rules = Emergency, cadence = "daily" }));
        Assert.Equal((HttpStatusCode.BadRequest, ProblemJson), (status, type));
        Assert.Equal("The subscription is not valid.", Text(problem, "title"));
        Assert.NotEmpty(problem.GetProperty("errors").EnumerateArray());

        (status, type, problem) = await SendAsync(HttpMethod.Get, "/api/subscriptions/no-such-subscription");
        Assert.Equal((HttpStatusCode.NotFound, ProblemJson, "No such subscription."), (status, type, Text(problem, "title")));

        (status, type, problem) = await SendAsync(HttpMethod.Patch, "/api/subscriptions/no-such-subscription", JsonContent.Create(new { cadence = "hourly" }));
        Assert.Equal((HttpStatusCode.NotFound, ProblemJson), (status, type));

        var (pageStatus, pageType, page) = await SendForTextAsync(HttpMethod.Get, "/api/confirm?token=not-a-token");
        Assert.Equal((HttpStatusCode.BadRequest, Html), (pageStatus, pageType));
        Assert.Contains("Not confirmed", page, StringComparison.Ordinal);

        (pageStatus, pageType, page) = await SendForTextAsync(HttpMethod.Get, "/api/unsubscribe");
        Assert.Equal((HttpStatusCode.BadRequest, Html), (pageStatus, pageType));
        Assert.Contains("Not unsubscribed", page, StringComparison.Ordinal);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private async Task<(HttpStatusCode Status, string? ContentType, JsonElement Body)> SendAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        var (status, type, text) = await SendForTextAsync(method, path, content);
        return (status, type, JsonDocument.Parse(text).RootElement.Clone());
    }

    private async Task<(HttpStatusCode Status, string? ContentType, string Body)> SendForTextAsync(HttpMethod method, string path, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.RelativeOrAbsolute)) { Content = content };
        using var response = await _http.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.ToString(), await response.Content.ReadAsStringAsync());
    }
}
