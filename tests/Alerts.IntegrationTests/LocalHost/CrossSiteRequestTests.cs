using System.Net;
using System.Net.Http.Json;
using System.Text;
using Alerts.IntegrationTests.Channels;
using Alerts.LocalHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Alerts.IntegrationTests.LocalHost;

/// <summary>
/// The local API has no function key, so a page in the developer's browser must not be able to change subscriptions:
/// cross-site simple requests are refused, while the signed unsubscribe link keeps working from a mail client.
/// </summary>
[Collection(AzuriteGroup.Name)]
[Trait("Suite", "Abuse")]
public sealed class CrossSiteRequestTests(AzuriteFixture azurite) : IAsyncLifetime, IDisposable
{
    private static readonly string Subscription = $"{{\"channel\":\"email\",\"target\":\"csrf-{Guid.NewGuid():N}@example.org\",\"rules\":[\"troop-arrivals\"],\"cadence\":\"daily\"}}";

    private readonly Uri _api = new($"http://127.0.0.1:{LoopbackPorts.Free()}");
    private SmtpCatcher _smtp = null!;
    private IHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _smtp = await SmtpCatcher.StartAsync();
        var options = new LocalHostOptions { ApiUrl = _api };
        var settings = new Dictionary<string, string?>(ChannelSettings.For(_smtp))
        {
            ["AlertsStorage"] = azurite.ConnectionString,
            ["Alerts:Subscriptions:PublicBaseUrl"] = _api.ToString(),
        };
        _host = LocalHostBuilder.BuildApi(new ConfigurationBuilder().AddInMemoryCollection(LocalDefaults.For(options)).AddInMemoryCollection(settings).Build(), options);
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

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("multipart/form-data; boundary=x")]
    public async Task A_simple_request_cannot_create_a_subscription(string contentType)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions") { Content = new StringContent(Subscription, Encoding.UTF8) };
        request.Content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);

        using var response = await _http.SendAsync(request);

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    [Fact]
    public async Task Another_origin_cannot_create_change_or_delete()
    {
        foreach (var (method, path) in new[] { (HttpMethod.Post, "/api/subscriptions"), (HttpMethod.Patch, "/api/subscriptions/any"), (HttpMethod.Delete, "/api/subscriptions/any") })
        {
            using var request = new HttpRequestMessage(method, path);
            request.Headers.Add("Origin", "http://evil.example");
            if (method != HttpMethod.Delete)
            {
                request.Content = new StringContent(Subscription, Encoding.UTF8, "application/json");
            }

            using var response = await _http.SendAsync(request);

            Assert.True(response.StatusCode == HttpStatusCode.Forbidden, $"{method} {path}: {response.StatusCode}");
        }
    }

    [Fact]
    public async Task Json_from_the_api_itself_or_a_tool_creates_it_and_one_click_unsubscribe_still_works()
    {
        using var own = new HttpRequestMessage(HttpMethod.Post, "/api/subscriptions") { Content = new StringContent(Subscription, Encoding.UTF8, "application/json") };
        own.Headers.Add("Origin", _api.GetLeftPart(UriPartial.Authority));
        using var created = await _http.SendAsync(own);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);

        using var fromTool = await _http.PostAsJsonAsync("/api/subscriptions", System.Text.Json.JsonDocument.Parse(Subscription.Replace("csrf-", "tool-", StringComparison.Ordinal)).RootElement);
        Assert.Equal(HttpStatusCode.Created, fromTool.StatusCode);

        // RFC 8058 one-click from a mail client: a form body, on the anonymous signed-link route. A bad token is a 4xx
        // from the handler, not the guard's 415 or 403.
        using var oneClick = await _http.PostAsync("/api/unsubscribe?token=not-a-token",
            new StringContent("List-Unsubscribe=One-Click", Encoding.ASCII, "application/x-www-form-urlencoded"));
        Assert.NotEqual(HttpStatusCode.UnsupportedMediaType, oneClick.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, oneClick.StatusCode);
    }
}
