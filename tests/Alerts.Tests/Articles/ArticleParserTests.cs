using System.Text;
using Alerts.Articles;

namespace Alerts.Tests.Articles;

public class ArticleParserTests
{
    private static Article ParseSample(string file) =>
        ArticleParser.Parse(file, File.ReadAllBytes(RepoPaths.Combine("samples", file)));

    [Fact]
    public void Wire_story_yields_title_outlet_date_url_credits_and_a_clean_body()
    {
        var article = ParseSample("kazakhstan-emergency.txt");

        Assert.Equal("Kazakh President Extends State Of Emergency As Russian-Led Troops Arrive In Almaty", article.Title);
        Assert.Equal("RFE/RL", article.Source);
        Assert.Equal(new DateTimeOffset(2022, 1, 8, 0, 0, 0, TimeSpan.Zero), article.PublishedAt);
        // The stray space inside the URL is repaired.
        Assert.Equal("https://www.rferl.org/a/kazakhstan-state-of-emergency-tokayev-csto-troops/31644444.html", article.Url?.ToString());
        Assert.Equal(["AFP", "AP", "Reuters"], article.Credits);
        Assert.Equal(ArticleFormat.Text, article.Format);

        Assert.StartsWith("ALMATY, Kazakhstan -- Kazakh President Kassym-Jomart Tokayev", article.Body, StringComparison.Ordinal);
        Assert.EndsWith("urged restraint by all sides.", article.Body, StringComparison.Ordinal);
        foreach (var junk in new[] { "By RFE/RL", "With reporting", "Source:", "Copyright", "newsletter", "Home | News" })
        {
            Assert.DoesNotContain(junk, article.Body, StringComparison.Ordinal);
        }
        Assert.Equal(7, article.Body.Split("\n\n").Length);
    }

    [Fact]
    public void Markdown_story_loses_its_markup_and_keeps_the_dateline_agency()
    {
        var article = ParseSample("sudan-khartoum-fighting.md");

        Assert.Equal("Hundreds Killed As Fighting Engulfs Khartoum; Flights Suspended", article.Title);
        Assert.Equal("Alerts Wire Desk", article.Source);
        Assert.Equal(new DateTimeOffset(2023, 4, 18, 0, 0, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal(["Khalid Abdelaziz", "Nafisa Eltahir"], article.Credits);
        Assert.DoesNotContain("#", article.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Reporting by", article.Body, StringComparison.Ordinal);
        Assert.Equal(ArticleFormat.Markdown, article.Format);
    }

    [Fact]
    public void Html_page_yields_main_content_without_navigation_scripts_or_footer()
    {
        var article = ParseSample("troop-withdrawal.html");

        Assert.Equal("Russian-Led Troops Begin Withdrawal From Kazakhstan", article.Title);
        Assert.Equal("Alerts Wire", article.Source);
        Assert.Equal(new DateTimeOffset(2022, 1, 13, 9, 15, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal("https://example.org/asia/csto-withdrawal-kazakhstan", article.Url?.ToString());
        Assert.Contains("began withdrawing from Kazakhstan on Thursday", article.Body, StringComparison.Ordinal);
        Assert.Contains("risen to 225 people.", article.Body, StringComparison.Ordinal);
        foreach (var junk in new[] { "tracking", "Home", "Sign up", "Copyright" })
        {
            Assert.DoesNotContain(junk, article.Body, StringComparison.Ordinal);
        }
        Assert.Equal(4, article.Body.Split("\n\n").Length);
    }

    [Fact]
    public void Json_article_reads_its_fields()
    {
        var article = ParseSample("hospital-emergency-room.json");

        Assert.Equal("City hospital opens new emergency room as winter flu season begins", article.Title);
        Assert.Equal("Riverside Gazette", article.Source);
        Assert.Equal(new DateTimeOffset(2023, 11, 2, 8, 30, 0, TimeSpan.Zero), article.PublishedAt);
        Assert.Equal("https://example.org/health/emergency-room-opens", article.Url?.ToString());
        Assert.Equal(3, article.Body.Split("\n\n").Length);
        Assert.Equal(ArticleFormat.Json, article.Format);
    }

    [Fact]
    public void Json_accepts_content_and_a_source_object()
    {
        var json = """{"headline":"Quake hits","content":"A strong earthquake struck the region.","source":{"name":"Wire"},"published_at":"2024-03-01"}""";
        var article = ArticleParser.Parse("quake.json", Encoding.UTF8.GetBytes(json));

        Assert.Equal("Quake hits", article.Title);
        Assert.Equal("Wire", article.Source);
        Assert.Equal("A strong earthquake struck the region.", article.Body);
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), article.PublishedAt);
    }

    [Fact]
    public void The_same_story_under_another_name_or_encoding_has_the_same_id()
    {
        var text = File.ReadAllText(RepoPaths.Combine("samples", "kazakhstan-emergency.txt"));
        var utf8 = ArticleParser.Parse("a.txt", Encoding.UTF8.GetBytes(text));
        var utf16 = ArticleParser.Parse("copy of a.txt", [.. Encoding.Unicode.GetPreamble(), .. Encoding.Unicode.GetBytes(text.Replace("\n", "\r\n", StringComparison.Ordinal))]);
        var bom = ArticleParser.Parse("b.txt", [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        Assert.Equal(utf8.Id, utf16.Id);
        Assert.Equal(utf8.Id, bom.Id);
        Assert.Matches("^[0-9a-f]{64}$", utf8.Id);

        var edited = ArticleParser.Parse("a.txt", Encoding.UTF8.GetBytes(text.Replace("4,404", "4,500", StringComparison.Ordinal)));
        Assert.NotEqual(utf8.Id, edited.Id);
    }

    [Fact]
    public void Windows_1252_text_is_decoded_when_it_is_not_utf8()
    {
        // "Café" and curly quotes as Windows-1252 bytes are invalid UTF-8.
        byte[] bytes = [.. "Title\n\nThe "u8, 0x93, .. "caf"u8, 0xE9, 0x94, .. " closed.\n"u8];
        var article = ArticleParser.Parse("legacy.txt", bytes);

        Assert.Equal("The \u201Ccaf\u00E9\u201D closed.", article.Body);
    }

    [Theory]
    [InlineData(new byte[0], ArticleParseReasons.Empty)]
    [InlineData(new byte[] { 0x20, 0x0A, 0x09, 0x0A }, ArticleParseReasons.Empty)]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D }, ArticleParseReasons.Binary)]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14, 0, 0, 0 }, ArticleParseReasons.MalformedDocument)]
    [InlineData(new byte[] { 0x48, 0, 0x69, 0, 0x20, 0, 0x74, 0 }, ArticleParseReasons.Binary)]
    public void Unreadable_uploads_are_refused_with_a_reason(byte[] content, string reason)
    {
        var ex = Assert.Throws<ArticleParseException>(() => ArticleParser.Parse("upload.txt", content));
        Assert.Equal(reason, ex.Reason);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
    }

    [Theory]
    [InlineData("{\"title\": \"x\", \"body\": ", ArticleParseReasons.MalformedJson)]
    [InlineData("[1, 2, 3]", ArticleParseReasons.JsonShape)]
    [InlineData("{\"title\": 42, \"body\": \"text\"}", ArticleParseReasons.JsonShape)]
    [InlineData("{\"title\": \"No body\"}", ArticleParseReasons.JsonShape)]
    [InlineData("{\"title\": \"Blank\", \"body\": \"   \"}", ArticleParseReasons.JsonShape)]
    public void Bad_json_is_refused_with_a_reason(string json, string reason)
    {
        var ex = Assert.Throws<ArticleParseException>(() => ArticleParser.Parse("bad.json", Encoding.UTF8.GetBytes(json)));
        Assert.Equal(reason, ex.Reason);
    }

    [Fact]
    public void Deeply_nested_json_is_refused_not_overflowed()
    {
        var json = "{\"title\":\"t\",\"body\":\"b\",\"x\":" + new string('[', 5000) + new string(']', 5000) + "}";
        var ex = Assert.Throws<ArticleParseException>(() => ArticleParser.Parse("deep.json", Encoding.UTF8.GetBytes(json)));
        Assert.Equal(ArticleParseReasons.MalformedJson, ex.Reason);
    }

    [Fact]
    public void Html_without_text_is_refused()
    {
        var ex = Assert.Throws<ArticleParseException>(() => ArticleParser.Parse("empty.html", "<html><body><script>alert(1)</script></body></html>"u8));
        Assert.Equal(ArticleParseReasons.NoContent, ex.Reason);
    }

    [Fact]
    public void Format_is_sniffed_when_the_name_has_no_extension()
    {
        Assert.Equal(ArticleFormat.Json, ArticleParser.DetectFormat("upload", "  {\"body\":\"x\"}"));
        Assert.Equal(ArticleFormat.Html, ArticleParser.DetectFormat("upload", "<!DOCTYPE html><p>x</p>"));
        Assert.Equal(ArticleFormat.Text, ArticleParser.DetectFormat("upload", "Title\n\nBody"));
    }

    [Theory]
    [InlineData("https://www. rferl.org/a/story/123.html", "https://www.rferl.org/a/story/123.html")]
    [InlineData("https://example.org/world/kazakh- unrest/31644.html (accessed)", "https://example.org/world/kazakh-unrest/31644.html")]
    [InlineData("https://example.org/a/b /c.html", "https://example.org/a/b/c.html")]
    [InlineData("javascript:alert(1)", null)]
    [InlineData("http://user:pass@example.org/x", null)]
    [InlineData("file:///etc/passwd", null)]
    public void Source_urls_are_repaired_or_rejected(string text, string? expected)
    {
        Assert.Equal(expected, ArticleUrl.Read(text)?.ToString());
    }

    [Theory]
    [InlineData("January 08, 2022", 2022, 1, 8, 0, 0)]
    [InlineData("8 Jan 2022 11:53 GMT", 2022, 1, 8, 11, 53)]
    [InlineData("Sept. 3, 2021, 4:05 p.m.", 2021, 9, 3, 16, 5)]
    [InlineData("2023-04-18T06:30:00Z", 2023, 4, 18, 6, 30)]
    public void Publication_dates_are_read_from_bylines(string text, int y, int m, int d, int h, int min)
    {
        Assert.True(PublicationDate.TryFind("By Someone " + text, out var date, out _));
        Assert.Equal(new DateTimeOffset(y, m, d, h, min, 0, TimeSpan.Zero), date);
    }

    [Fact]
    public void Paragraphs_pasted_one_per_line_stay_paragraphs()
    {
        var text = "Title here\nBy Wire January 2, 2022\nFirst paragraph ends here.\nSecond paragraph ends too.\n";
        var article = ArticleParser.Parse("p.txt", Encoding.UTF8.GetBytes(text));
        Assert.Equal("First paragraph ends here.\n\nSecond paragraph ends too.", article.Body);
    }
}
