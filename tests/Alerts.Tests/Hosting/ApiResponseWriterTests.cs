using System.Text;
using System.Text.Json;
using Alerts.Api;
using Alerts.Hosting;
using Microsoft.AspNetCore.Http;

namespace Alerts.Tests.Hosting;

/// <summary>The one writer both hosts use: what a client reads for each kind of <see cref="ApiResponse"/>.</summary>
public class ApiResponseWriterTests
{
    private static async Task<(int Status, string? ContentType, string Body)> WriteAsync(ApiResponse response)
    {
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await new ApiResult(response).ExecuteAsync(context);
        return (context.Response.StatusCode, context.Response.ContentType, Encoding.UTF8.GetString(body.ToArray()));
    }

    [Fact]
    public async Task A_page_is_html()
    {
        var (status, type, body) = await WriteAsync(new ApiResponse(200, Html: "<p>Unsubscribed</p>"));
        Assert.Equal((200, "text/html; charset=utf-8", "<p>Unsubscribed</p>"), (status, type, body));
    }

    [Fact]
    public async Task A_result_is_camel_case_json_with_enums_as_words()
    {
        var (status, type, body) = await WriteAsync(new ApiResponse(201, new { SubscriptionId = "s1", Kind = DayOfWeek.Monday, Missing = (string?)null }));
        Assert.Equal(201, status);
        Assert.Equal("application/json; charset=utf-8", type);
        Assert.Equal("""{"subscriptionId":"s1","kind":"monday"}""", body);
    }

    [Fact]
    public async Task An_error_is_problem_json_with_title_and_errors()
    {
        var (status, type, body) = await WriteAsync(ApiResponse.Problem(400, "The subscription is not valid.", ["target: not an email address"]));
        Assert.Equal(400, status);
        Assert.Equal("application/problem+json", type);
        using var json = JsonDocument.Parse(body);
        Assert.Equal("The subscription is not valid.", json.RootElement.GetProperty("title").GetString());
        Assert.Equal("target: not an email address", json.RootElement.GetProperty("errors")[0].GetString());
    }

    [Fact]
    public async Task No_content_has_no_body_and_no_content_type()
    {
        var (status, type, body) = await WriteAsync(new ApiResponse(204));
        Assert.Equal((204, null, ""), (status, type, body));
    }
}
