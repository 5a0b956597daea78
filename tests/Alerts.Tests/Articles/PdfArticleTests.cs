using Alerts.Articles;
using Alerts.Rules;
using Alerts.Testing;

namespace Alerts.Tests.Articles;

/// <summary>PDF uploads, made in the test with PdfPig's document builder: text in reading order, metadata, and every refusal.</summary>
public class PdfArticleTests
{
    private static readonly RuleMatcher Matcher = new(RuleLoader.LoadBuiltin().Rules);

    private static Article Parse(string name, byte[] pdf) => ArticleParser.Parse(name, pdf);

    private static ArticleParseException Refused(string name, byte[] content) =>
        Assert.Throws<ArticleParseException>(() => ArticleParser.Parse(name, content));

    [Fact]
    public void A_decree_yields_its_metadata_title_and_date_and_its_text_in_reading_order()
    {
        var article = Parse("decree.pdf", TestDocuments.DecreePdf("KZ-0041"));

        Assert.Equal(ArticleFormat.Pdf, article.Format);
        Assert.Equal(TestDocuments.Title, article.Title);
        Assert.Equal(TestDocuments.Date, article.PublishedAt);
        var paragraphs = article.Body.Split("\n\n");
        Assert.StartsWith("In accordance with the Constitution", paragraphs[0], StringComparison.Ordinal);
        AssertInOrder(article.Body, "I hereby decree:", "Article 1", "A state of emergency is declared in the city of Almaty", "Article 2",
            "temporary measures", "Curfew", "23:00 to 07:00", "Checkpoints on roads", "Article 3", "Registry reference KZ-0041.");
        Assert.Contains("Article 1", paragraphs);
        // Wrapped lines are one paragraph again; page numbers are not text.
        Assert.Contains(paragraphs, p => p.StartsWith("A state of emergency is declared", StringComparison.Ordinal) && p.EndsWith("19 January 2022.", StringComparison.Ordinal));
        Assert.DoesNotContain(paragraphs, p => p is "1" or "2");
    }

    [Fact]
    public void The_decree_text_meets_the_builtin_state_of_emergency_rule()
    {
        var article = Parse("decree.pdf", TestDocuments.DecreePdf("KZ-0042"));

        var match = Assert.Single(Matcher.Match(article, []), m => m.Rule == "state-of-emergency");
        Assert.Contains(match.Snippets, s => s.Marked.Contains("**state of emergency** is **declared**", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void Without_metadata_the_first_heading_is_the_title_and_leaves_the_body()
    {
        var article = Parse("decree.pdf", TestDocuments.DecreePdf("KZ-0043", metadata: false));

        Assert.Equal(TestDocuments.Title, article.Title);
        Assert.Null(article.PublishedAt);
        Assert.DoesNotContain("Decree on the Introduction", article.Body, StringComparison.Ordinal);
        Assert.StartsWith("In accordance with the Constitution", article.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decree.txt")]
    [InlineData("decree")]
    [InlineData("decree.html")]
    public void A_pdf_under_another_name_is_read_as_a_pdf(string name)
    {
        var article = Parse(name, TestDocuments.DecreePdf("KZ-0044"));

        Assert.Equal(ArticleFormat.Pdf, article.Format);
        Assert.Equal(TestDocuments.Title, article.Title);
    }

    [Fact]
    public void Two_columns_are_read_one_after_the_other()
    {
        var pdf = TestDocuments.TwoColumnPdf(
            ["Left one: the council met on Monday morning to hear the reports from the provinces.", "Left two: the ministers agreed that the situation was grave and worsening by the hour."],
            ["Right one: a state of emergency was declared in the capital at noon on the same day.", "Right two: troops were deployed to guard the airport and the main government buildings."]);

        var article = Parse("columns.pdf", pdf);

        AssertInOrder(article.Body, "Left one:", "Left two:", "Right one:", "Right two:");
        Assert.Contains("the situation was grave and worsening by the hour.", article.Body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pdf_without_a_text_layer_is_refused_as_a_scan()
    {
        var error = Refused("scan.pdf", TestDocuments.PdfWithoutText());

        Assert.Equal(ArticleParseReasons.PdfNoText, error.Reason);
        Assert.Contains("OCR", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_protected_pdf_is_refused_as_encrypted()
    {
        var error = Refused("secret.pdf", TestDocuments.EncryptedPdf());

        Assert.Equal(ArticleParseReasons.Encrypted, error.Reason);
        Assert.Contains("password", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("broken.pdf", "%PDF-1.7\n%\u00e2\u00e3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n")]
    [InlineData("garbage.txt", "%PDF-1.4\n\u0001\u0002 this is not a PDF at all, just a header and noise \u0003\u0004")]
    [InlineData("letter.pdf", "Dear editor, a state of emergency was declared today.")]
    public void A_malformed_pdf_is_refused_as_malformed(string name, string content)
    {
        var error = Refused(name, System.Text.Encoding.Latin1.GetBytes(content));

        Assert.Equal(ArticleParseReasons.MalformedDocument, error.Reason);
    }

    [Fact]
    public void A_truncated_pdf_is_refused_or_read_from_what_is_left_never_thrown_as_anything_else()
    {
        var pdf = TestDocuments.DecreePdf("KZ-0045");

        foreach (var length in new[] { 20, pdf.Length / 4, pdf.Length / 2, pdf.Length - 40 })
        {
            try
            {
                var article = Parse("cut.pdf", pdf[..length]);
                Assert.Equal(ArticleFormat.Pdf, article.Format);
            }
            catch (ArticleParseException ex)
            {
                Assert.Contains(ex.Reason, new[] { ArticleParseReasons.MalformedDocument, ArticleParseReasons.PdfNoText, ArticleParseReasons.NoContent });
            }
        }
    }

    [Fact]
    public void A_stream_that_expands_past_the_budget_is_refused_before_it_is_expanded()
    {
        var bomb = TestDocuments.PdfStreamBomb(DocumentLimits.MaxPdfDecodedBytes + (16 * 1024 * 1024));
        Assert.InRange(bomb.Length, 1, 1024 * 1024);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Refused("bomb.pdf", bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ArticleParseReasons.DocumentTooLarge, error.Reason);
        Assert.True(allocated < 64 * 1024 * 1024, $"reading the bomb allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_pdf_over_the_page_limit_is_refused()
    {
        var error = Refused("long.pdf", TestDocuments.PdfWithPages(DocumentLimits.MaxPdfPages + 1));

        Assert.Equal(ArticleParseReasons.DocumentTooLarge, error.Reason);
        Assert.Contains("pages", error.Message, StringComparison.Ordinal);
    }

    internal static void AssertInOrder(string text, params string[] parts)
    {
        var at = -1;
        foreach (var part in parts)
        {
            var next = text.IndexOf(part, at + 1, StringComparison.Ordinal);
            Assert.True(next > at, $"\"{part}\" is not after the text before it in:\n{text}");
            at = next;
        }
    }
}
