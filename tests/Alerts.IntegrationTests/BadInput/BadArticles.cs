using System.Text;
using Alerts.Analysis;
using Alerts.Articles;
using Alerts.Testing;

namespace Alerts.IntegrationTests.BadInput;

/// <summary>
/// Every kind of bad article upload the suite covers, by name: the README's "Bad input" list is this list. Each analysed
/// kind gets a story of its own, so no case is a duplicate of another.
/// </summary>
internal static class BadArticles
{
    public const int FiftyMegabytes = 50 * 1024 * 1024;

    public static IReadOnlyDictionary<string, BadArticle> All { get; } = new Dictionary<string, BadArticle>
    {
        ["empty file"] = BadArticle.Refused("empty.txt", [], "empty"),
        ["whitespace only"] = BadArticle.Refused("blank.txt", Encoding.UTF8.GetBytes(" \t\r\n  \n\u00A0\u2003\n"), "empty"),
        ["byte-order mark only"] = BadArticle.Refused("bom.txt", [0xEF, 0xBB, 0xBF], "empty"),
        ["PNG image"] = BadArticle.Refused("photo.png", [0x89, .. "PNG\r\n\u001a\n"u8, 0, 0, 0, 13, .. "IHDR"u8, 0, 0, 1, 0], "binary"),
        ["JPEG image named .txt"] = BadArticle.Refused("photo.txt", [0xFF, 0xD8, 0xFF, 0xE0, 0, 16, .. "JFIF"u8, 0], "binary"),
        ["truncated ZIP named .docx"] = BadArticle.Refused("story.docx", [.. "PK"u8, 3, 4, 20, 0, 6, 0, 8, 0, .. "[Content_Types].xml"u8], "malformed-document"),
        ["PDF without pages"] = BadArticle.Refused("story.pdf", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n"u8.ToArray(), "malformed-document"),
        ["text named .pdf"] = BadArticle.Refused("story.pdf", Encoding.UTF8.GetBytes(Story()), "malformed-document"),
        ["scanned PDF without a text layer"] = Generated("scan.pdf", () => TestDocuments.PdfWithoutText(), "pdf-no-text"),
        ["password-protected PDF"] = Generated("secret.pdf", TestDocuments.EncryptedPdf, "encrypted"),
        ["truncated PDF"] = Generated("cut.pdf", () => TestDocuments.DecreePdf(Unique())[..200], "malformed-document"),
        ["PDF stream bomb"] = Generated("bomb.pdf", () => TestDocuments.PdfStreamBomb(DocumentLimits.MaxPdfDecodedBytes + (16 * 1024 * 1024)), "document-too-large"),
        ["PDF of 301 pages"] = Generated("long.pdf", () => TestDocuments.PdfWithPages(DocumentLimits.MaxPdfPages + 1), "document-too-large"),
        ["password-protected Word document"] = Generated("secret.docx", TestDocuments.EncryptedDocx, "encrypted"),
        ["Word 97-2003 document"] = Generated("old.doc", TestDocuments.LegacyDoc, "binary"),
        ["Excel workbook named .docx"] = Generated("sheet.docx", () => TestDocuments.Zip(
            ("[Content_Types].xml", TestDocuments.ContentTypes("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml")), ("main.xml", "<x/>"u8.ToArray())), "binary"),
        ["ZIP archive of a text file"] = Generated("story.zip", () => TestDocuments.Zip(("story.txt", Encoding.UTF8.GetBytes(Story()))), "binary"),
        ["truncated Word document"] = Generated("cut.docx", () => TestDocuments.DecreeDocx(Unique()) is var d ? d[..(d.Length / 2)] : [], "malformed-document"),
        ["Word zip bomb (20 MB of XML packed a thousandfold)"] = Generated("bomb.docx", () => TestDocuments.DocxBomb(20 * 1024 * 1024), "document-too-large"),
        ["Word document of 1,001 ZIP entries"] = Generated("many.docx", () => TestDocuments.Zip([
            ("[Content_Types].xml", TestDocuments.ContentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")),
            .. Enumerable.Range(0, DocumentLimits.MaxZipEntries).Select(i => ($"word/media/{i}.xml", "<x/>"u8.ToArray()))]), "document-too-large"),
        ["gzip archive"] = BadArticle.Refused("story.txt.gz", [0x1F, 0x8B, 0x08, 0x00, 0, 0, 0, 0, 0, 0x03, 0x4B, 0x4C], "binary"),
        ["ELF executable"] = BadArticle.Refused("story", [0x7F, .. "ELF"u8, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 0, 0x3E, 0], "binary"),
        ["Windows executable"] = BadArticle.Refused("story.exe", [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, .. new byte[60]], "binary"),
        ["NUL byte in the middle of a story"] = BadArticle.Refused("nul.txt", WithNul(Story()), "binary"),
        ["control-character flood"] = BadArticle.Refused("noise.txt", [.. Enumerable.Range(0, 8192).Select(i => (byte)(1 + (i % 8)))], "binary"),
        ["UTF-16 without byte-order mark"] = BadArticle.Refused("utf16.txt", Encoding.Unicode.GetBytes(Story()), "binary"),
        ["UTF-16 byte-order mark with a broken tail"] = BadArticle.Refused("utf16-cut.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes("Troops arrive"), 0x3D, 0xD8, (byte)'!'], "encoding"),
        ["50 MB text"] = new("huge.txt", () => new GeneratedStream(Encoding.UTF8.GetBytes("Troops arrived in Almaty. "), FiftyMegabytes), "too-large"),
        ["Markdown with only markup"] = BadArticle.Refused("notes.md", "# \n\n---\n\n* \n\n> \n"u8.ToArray(), "no-content"),
        ["HTML with 100,000 nested divs"] = BadArticle.Refused("deep.html", Encoding.UTF8.GetBytes(
            "<!DOCTYPE html><html><body>" + string.Concat(Enumerable.Repeat("<div>", 100_000)) + "<p>Troops arrived in Almaty on Friday.</p></body></html>"), "html-too-deep"),
        ["HTML with 300,000 attributes on one element"] = BadArticle.Refused("attributes.html", Encoding.UTF8.GetBytes(
            "<!DOCTYPE html><html><body><div" + string.Concat(Enumerable.Range(0, 300_000).Select(i => $" a{i}=1")) + "><p>Troops arrived in Almaty on Friday.</p></div></body></html>"), "html-too-complex"),
        ["HTML page without a body text"] = BadArticle.Refused("empty.html", "<!DOCTYPE html><html><head><title>Breaking</title><script>var story='state of emergency declared';</script></head><body></body></html>"u8.ToArray(), "no-content"),
        ["JSON nested 10,000 levels"] = BadArticle.Refused("deep.json", Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("{\"body\":", 10_000)) + "\"x\"" + new string('}', 10_000)), "json-malformed"),
        ["JSON title as a number"] = BadArticle.Refused("number.json", Encoding.UTF8.GetBytes($$"""{"title": 42, "body": {{Quote(StoryBody())}}}"""), "json-shape"),
        ["JSON body as an array"] = BadArticle.Refused("array-body.json", """{"title": "Troops arrive", "body": ["Troops arrived.", "They landed."]}"""u8.ToArray(), "json-shape"),
        ["JSON array at top level"] = BadArticle.Refused("list.json", """[{"title": "Troops arrive", "body": "Troops arrived in Almaty."}]"""u8.ToArray(), "json-shape"),
        ["JSON with only a title"] = BadArticle.Refused("title.json", """{"title": "Troops arrive in Almaty"}"""u8.ToArray(), "json-shape"),
        ["JSON with an empty body"] = BadArticle.Refused("blank-body.json", """{"title": "Troops arrive in Almaty", "body": "   "}"""u8.ToArray(), "json-shape"),
        ["truncated JSON"] = BadArticle.Refused("cut.json", """{"title": "Troops arrive in Almaty", "body": "The first paratroopers arrived on"""u8.ToArray(), "json-malformed"),
        ["JSON Lines (two articles in one file)"] = BadArticle.Refused("feed.json", "{\"title\": \"One\", \"body\": \"First story.\"}\n{\"title\": \"Two\", \"body\": \"Second story.\"}\n"u8.ToArray(), "json-malformed"),

        ["a single 1 MB line"] = new("oneline.txt", () => new MemoryStream(Encoding.UTF8.GetBytes(OneMegabyteLine())), null, a =>
        {
            Assert.Null(a.Article.Title);
            Assert.Contains(a.Matches, m => m.Rule == "state-of-emergency");
            Assert.All(a.Matches.SelectMany(m => m.Snippets), s => Assert.InRange(s.Text.Length, 1, 402));
        }),
        ["invalid UTF-8 (Windows-1252)"] = BadArticle.Analysed("cp1252.txt", Windows1252(Story("Reporters met at the Café Nadia, where the “curfew” was the only subject.")), a =>
        {
            Assert.Contains("Café Nadia", a.Article.Body, StringComparison.Ordinal);
            Assert.Contains("“curfew”", a.Article.Body, StringComparison.Ordinal);
            Assert.Contains(a.Matches, m => m.Rule == "state-of-emergency");
        }),
        ["UTF-16 LE with byte-order mark"] = BadArticle.Analysed("utf16le.txt", [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Story())], IsTheWireStory),
        ["UTF-16 BE with byte-order mark"] = BadArticle.Analysed("utf16be.txt", [0xFE, 0xFF, .. Encoding.BigEndianUnicode.GetBytes(Story())], IsTheWireStory),
        ["HTML with scripts, styles and event handlers"] = BadArticle.Analysed("scripts.html", Encoding.UTF8.GetBytes(ScriptedPage()), a =>
        {
            Assert.Contains(a.Matches, m => m.Rule == "troop-arrivals");
            Assert.DoesNotContain(a.Matches, m => m.Rule == "state-of-emergency");
            foreach (var text in a.Matches.SelectMany(m => m.Snippets).Select(s => s.Text).Append(a.Article.Body))
            {
                Assert.DoesNotContain("martial", text, StringComparison.OrdinalIgnoreCase);
                Assert.DoesNotContain("alert(", text, StringComparison.Ordinal);
                Assert.DoesNotContain("color:", text, StringComparison.Ordinal);
            }
        }),
        ["HTML text outside paragraphs next to a script"] = BadArticle.Analysed("bare.html", Encoding.UTF8.GetBytes(
            $"<html><body>{Unique()} Russian-led troops arrived in Almaty on Friday, officials said.<script>document.write('martial law imposed')</script><style>body {{ color: red }}</style></body></html>"), a =>
        {
            Assert.Contains("troops arrived", a.Article.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("martial", a.Article.Body, StringComparison.Ordinal);
            Assert.DoesNotContain("color", a.Article.Body, StringComparison.Ordinal);
        }),
        ["HTML page of 30,000 paragraphs"] = BadArticle.Analysed("long.html", Encoding.UTF8.GetBytes(
            $"<html><body><h1>Troops arrive</h1><p>{Unique()}</p>" + string.Concat(Enumerable.Range(0, 30_000).Select(i => $"<p>Day {i}: the first paratroopers arrived in Almaty, officials said.</p>")) + "</body></html>"), a =>
        {
            Assert.Contains("Day 29999: the first paratroopers arrived", a.Article.Body, StringComparison.Ordinal);
            Assert.Contains(a.Matches, m => m.Rule == "troop-arrivals");
        }),
        ["HTML entity bomb (billion laughs)"] = BadArticle.Analysed("laughs.html", Encoding.UTF8.GetBytes(EntityBomb()), a =>
        {
            Assert.Contains(a.Matches, m => m.Rule == "troop-arrivals");
            Assert.True(a.Article.Body.Length < 2000, "entities must not be expanded");
        }),
        ["malformed HTML (unclosed tags)"] = BadArticle.Analysed("broken.html", Encoding.UTF8.GetBytes(
            $"<html><head><title>Troops arrive</title><body><div><p>{Unique()} Kazakh President Tokayev declared a state of emergency in Almaty.<p>The first Russian-led paratroopers arrived on Friday, <b>officials <i>said.</div></span></table><p>More troops were expected."), a =>
        {
            Assert.Contains(a.Matches, m => m.Rule == "state-of-emergency");
            Assert.Contains(a.Matches, m => m.Rule == "troop-arrivals");
        }),
        ["headline only (a one-line flash)"] = BadArticle.Analysed("flash.txt", Encoding.UTF8.GetBytes($"URGENT: Kazakh president declares state of emergency in Almaty. {Unique()}\n"), a =>
        {
            Assert.Null(a.Article.Title);
            Assert.Contains(a.Matches, m => m.Rule == "state-of-emergency");
        }),
        ["a rule's words hidden by zero-width and look-alike letters"] = BadArticle.Analysed("disguised.txt", Encoding.UTF8.GetBytes(
            $"Almaty curfew\n\n{Unique()} The president declared a st\u200Bat\u0435 of \u0435mergency in Almaty on Wednesday after protests spread.\n"), a =>
        {
            Assert.Contains(a.Matches, m => m.Rule == "state-of-emergency");
        }),
        ["a story opening with its URL line"] = BadArticle.Analysed("url-first.txt", Encoding.UTF8.GetBytes(
            $"https://example.org/news/almaty-emergency\n\nEmergency declared in Almaty\n\n{Unique()} The president declared a state of emergency in Almaty on Wednesday.\n\nRussian-led troops arrived on Friday, officials said.\n"), a =>
        {
            Assert.Equal("Emergency declared in Almaty", a.Article.Title);
            Assert.Contains("troops arrived on Friday", a.Article.Body, StringComparison.Ordinal);
            Assert.Contains(a.Matches, m => m.Rule == "state-of-emergency");
        }),
        ["a story opening with a source line"] = BadArticle.Analysed("source-first.txt", Encoding.UTF8.GetBytes(
            $"Source: Reuters\n\nEmergency declared in Almaty\n\n{Unique()} The president declared a state of emergency in Almaty on Wednesday.\n\nRussian-led troops arrived on Friday, officials said.\n"), a =>
        {
            Assert.Equal("Reuters", a.Article.Source);
            Assert.Contains("troops arrived on Friday", a.Article.Body, StringComparison.Ordinal);
            Assert.Contains(a.Matches, m => m.Rule == "state-of-emergency");
        }),
        ["a credit line between the paragraphs"] = BadArticle.Analysed("credit.txt", Encoding.UTF8.GetBytes(
            $"Emergency declared in Almaty\n\n{Unique()} The president declared a state of emergency in Almaty on Wednesday.\n\nWritten by staff.\n\nRussian-led troops arrived on Friday, officials said.\n"), a =>
        {
            Assert.Contains("troops arrived on Friday", a.Article.Body, StringComparison.Ordinal);
            Assert.Contains(a.Matches, m => m.Rule == "state-of-emergency");
        }),
        ["JSON title of punctuation and emoji only"] = BadArticle.Analysed("dash-title.json", Encoding.UTF8.GetBytes($$"""{"title": "— … 📰 —", "body": {{Quote(StoryBody())}}}"""), a =>
        {
            Assert.Equal("— … 📰 —", a.Article.Title);
            Assert.Contains(a.Matches, m => m.Rule == "troop-arrivals");
        }),
        ["JSON with a 100 kB title"] = BadArticle.Analysed("long-title.json", Encoding.UTF8.GetBytes($$"""{"title": "{{new string('T', 100_000)}}", "body": {{Quote(StoryBody())}}}"""), a =>
        {
            Assert.InRange(a.Article.Title!.Length, 1, 301);
            Assert.Contains(a.Matches, m => m.Rule == "state-of-emergency");
        }),
        ["JSON body holding HTML with a script"] = BadArticle.Analysed("html-body.json", Encoding.UTF8.GetBytes($$"""
            {"title": "Troops arrive in Almaty", "body": "<p>{{Unique()}} The first Russian-led paratroopers arrived in Almaty on Friday.</p><script>alert('martial law')</script><p>More troops were expected.</p>"}
            """), a =>
        {
            Assert.Contains(a.Matches, m => m.Rule == "troop-arrivals");
            Assert.DoesNotContain("martial", a.Article.Body, StringComparison.Ordinal);
        }),
        ["PDF named .txt"] = new("decree.txt", () => new MemoryStream(TestDocuments.DecreePdf(Unique())), null, a =>
        {
            Assert.Equal(ArticleFormat.Pdf, a.Article.Format);
            Assert.Equal(TestDocuments.Title, a.Article.Title);
            Assert.Contains(a.Matches, m => m.Rule == "state-of-emergency");
        }),
        ["source URL javascript:"] = UrlDropped("javascript.json", Json(StoryBody(), "javascript:alert(document.cookie)")),
        ["source URL data:"] = UrlDropped("data.html", Encoding.UTF8.GetBytes(
            $"<html><head><link rel=\"canonical\" href=\"data:text/html,&lt;script&gt;alert(1)&lt;/script&gt;\"></head><body><article><p>{Unique()} The first Russian-led paratroopers arrived in Almaty on Friday, officials said, and more troops were expected to land over the weekend.</p><p>The state of emergency was extended.</p></article></body></html>")),
        ["source URL file:"] = UrlDropped("file.txt", Encoding.UTF8.GetBytes(Story().Replace("Source: https://www.rferl.org/a/kazakhstan-state-of-emergency- tokayev-csto-troops/31644444.html", "Source: file:///etc/passwd", StringComparison.Ordinal))),
        ["source URL with credentials"] = UrlDropped("credentials.json", Json(StoryBody(), "https://admin:hunter2@www.rferl.org/a/31644444.html")),
        ["source URL of 10,000 characters"] = UrlDropped("long-url.json", Json(StoryBody(), "https://www.rferl.org/a/" + new string('a', 10_000))),
        ["source URL with a line break (header injection)"] = UrlDropped("crlf.json", Json(StoryBody(), "https://www.rferl.org/a/1.html\r\nBcc: victim@example.com")),
    };

    /// <summary>A refused upload made when its case runs, so a generated document costs nothing to the other cases.</summary>
    private static BadArticle Generated(string file, Func<byte[]> content, string reason) => new(file, () => new MemoryStream(content()), reason);

    private static BadArticle UrlDropped(string file, byte[] content) => BadArticle.Analysed(file, content, a =>
    {
        Assert.Null(a.Article.Url);
        Assert.NotEmpty(a.Matches);
    });

    private static void IsTheWireStory(ArticleAnalysis a)
    {
        Assert.Equal("Kazakh President Extends State Of Emergency As Russian-Led Troops Arrive In Almaty", a.Article.Title);
        Assert.Contains(a.Matches, m => m.Rule == "state-of-emergency");
    }

    private static string Unique() => $"Reference {Guid.NewGuid():N}.";

    private static string Story(string? paragraph = null)
    {
        var story = TestArticles.UniqueWireStory();
        return paragraph is null ? story : story.Replace("With reporting by", paragraph + "\n\nWith reporting by", StringComparison.Ordinal);
    }

    /// <summary>The wire story's paragraphs without its title, byline and trailer (so without its own source URL).</summary>
    private static string StoryBody()
    {
        var story = Story();
        var start = story.IndexOf("ALMATY", StringComparison.Ordinal);
        return story[start..story.IndexOf("With reporting by", StringComparison.Ordinal)];
    }

    private static byte[] WithNul(string text)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        bytes[bytes.Length / 2] = 0;
        return bytes;
    }

    private static byte[] Windows1252(string text)
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252).GetBytes(text);
    }

    private static string Quote(string text) => System.Text.Json.JsonSerializer.Serialize(text);

    private static byte[] Json(string story, string url) => Encoding.UTF8.GetBytes(
        $$"""{"title": "Kazakh President Extends State Of Emergency", "body": {{Quote(story)}}, "url": {{Quote(url)}}}""");

    /// <summary>A story pasted without a single line break, repeated to 1 MB: no title line, one run-on paragraph.</summary>
    private static string OneMegabyteLine()
    {
        var sentence = "Officials said the state of emergency was declared in Almaty as the first paratroopers arrived. ";
        var builder = new StringBuilder(Unique() + " ");
        while (builder.Length < 1024 * 1024)
        {
            builder.Append(sentence);
        }
        return builder.ToString();
    }

    private static string ScriptedPage() => $$"""
        <!DOCTYPE html>
        <html><head><title>Troops arrive in Almaty</title>
        <style>body { color: red } p::before { content: "martial law declared" }</style>
        <script>var headline = "State of emergency declared: martial law imposed"; alert(headline);</script>
        </head>
        <body onload="alert('martial law')">
        <article>
        <h1>Troops arrive in Almaty</h1>
        <p>{{Unique()}} The first Russian-led paratroopers arrived in Almaty on Friday, officials said, after days of unrest.</p>
        <script>document.write("<p>A state of emergency was declared and martial law imposed.</p>")</script>
        <noscript><p>Martial law was imposed and a state of emergency declared.</p></noscript>
        <p>About 2,500 troops are expected to deploy to the country over the weekend, the alliance said.</p>
        <p><img src="x" onerror="alert('martial law')">Residents said the streets of the city were quiet on Saturday.</p>
        </article>
        </body></html>
        """;

    private static string EntityBomb()
    {
        var entities = new StringBuilder("<!ENTITY lol \"lol\">");
        for (var i = 1; i <= 9; i++)
        {
            entities.Append(System.Globalization.CultureInfo.InvariantCulture, $"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat(i == 1 ? "&lol;" : $"&lol{i - 1};", 10))}\">");
        }
        return $"""
            <!DOCTYPE html [{entities}]>
            <html><body><article>
            <p>{Unique()} The first Russian-led paratroopers arrived in Almaty on Friday, officials said. &lol9;&lol9;&lol9;</p>
            <p>About 2,500 troops are expected to deploy over the weekend. &lol9;</p>
            </article></body></html>
            """;
    }
}
