using System.Text;
using Alerts.Articles;
using Alerts.Rules;
using Alerts.Testing;

namespace Alerts.Tests.Articles;

/// <summary>Word uploads, made in the test with the Open XML SDK: body order, headings, tables, core properties, and every refusal.</summary>
public class WordArticleTests
{
    private static readonly RuleMatcher Matcher = new(RuleLoader.LoadBuiltin().Rules);

    private static ArticleParseException Refused(string name, byte[] content) =>
        Assert.Throws<ArticleParseException>(() => ArticleParser.Parse(name, content));

    [Fact]
    public void A_decree_yields_its_core_properties_and_its_paragraphs_headings_and_table_rows_in_order()
    {
        var article = ArticleParser.Parse("decree.docx", TestDocuments.DecreeDocx("KZ-1041"));

        Assert.Equal(ArticleFormat.Docx, article.Format);
        Assert.Equal(TestDocuments.Title, article.Title);
        Assert.Equal(TestDocuments.Date, article.PublishedAt);
        var paragraphs = article.Body.Split("\n\n");
        Assert.Equal(
            [
                "In accordance with the Constitution and the Law on the State of Emergency, and in view of mass riots that threaten the lives and safety of citizens, I hereby decree:",
                "Article 1",
                "A state of emergency is declared in the city of Almaty and in Almaty Region from 00:00 on 5 January 2022 until 00:00 on 19 January 2022.",
                "Article 2",
                "The following temporary measures are introduced for the duration of the state of emergency:",
                "Measure; Area; Hours",
                "Curfew; Almaty city; 23:00 to 07:00",
                "Checkpoints on roads; Almaty Region; At all times",
                "Article 3",
                "This decree enters into force on the day of its signing. Registry reference KZ-1041.",
            ],
            paragraphs);
    }

    [Fact]
    public void The_decree_text_meets_the_builtin_state_of_emergency_rule()
    {
        var article = ArticleParser.Parse("decree.docx", TestDocuments.DecreeDocx("KZ-1042"));

        Assert.Contains(Matcher.Match(article, []), m => m.Rule == "state-of-emergency");
    }

    [Fact]
    public void Without_core_properties_the_title_styled_paragraph_is_the_title()
    {
        var article = ArticleParser.Parse("decree.docx", TestDocuments.DecreeDocx("KZ-1043", metadata: false));

        Assert.Equal(TestDocuments.Title, article.Title);
        Assert.Null(article.PublishedAt);
        Assert.StartsWith("In accordance with the Constitution", article.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("decree.txt")]
    [InlineData("decree.zip")]
    [InlineData("decree")]
    public void A_word_document_under_another_name_is_read_as_one(string name)
    {
        var article = ArticleParser.Parse(name, TestDocuments.DecreeDocx("KZ-1044"));

        Assert.Equal(ArticleFormat.Docx, article.Format);
    }

    [Theory]
    [InlineData("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml", "Excel workbook")]
    [InlineData("application/vnd.openxmlformats-officedocument.presentationml.presentation.main+xml", "PowerPoint presentation")]
    public void An_office_package_that_is_not_a_word_document_is_refused_as_binary(string mainType, string what)
    {
        var zip = TestDocuments.Zip(("[Content_Types].xml", TestDocuments.ContentTypes(mainType)), ("main.xml", "<x/>"u8.ToArray()));

        var error = Refused("report.docx", zip);

        Assert.Equal(ArticleParseReasons.Binary, error.Reason);
        Assert.Contains(what, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_plain_zip_is_refused_as_binary()
    {
        var error = Refused("archive.zip", TestDocuments.Zip(("story.txt", "A state of emergency was declared."u8.ToArray())));

        Assert.Equal(ArticleParseReasons.Binary, error.Reason);
        Assert.Contains("ZIP archive", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_password_protected_word_document_is_refused_as_encrypted()
    {
        var error = Refused("secret.docx", TestDocuments.EncryptedDocx());

        Assert.Equal(ArticleParseReasons.Encrypted, error.Reason);
    }

    [Fact]
    public void A_word_97_document_is_refused_with_advice_to_save_as_docx()
    {
        var error = Refused("old.doc", TestDocuments.LegacyDoc());

        Assert.Equal(ArticleParseReasons.Binary, error.Reason);
        Assert.Contains(".docx", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_truncated_word_document_is_refused_as_malformed()
    {
        var docx = TestDocuments.DecreeDocx("KZ-1045");

        var error = Refused("cut.docx", docx[..(docx.Length / 2)]);

        Assert.Equal(ArticleParseReasons.MalformedDocument, error.Reason);
    }

    [Fact]
    public void A_word_package_without_a_valid_main_part_is_refused_as_malformed()
    {
        var zip = TestDocuments.Zip(
            ("[Content_Types].xml", TestDocuments.ContentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")),
            ("main.xml", "<not-word/>"u8.ToArray()));

        var error = Refused("odd.docx", zip);

        Assert.Equal(ArticleParseReasons.MalformedDocument, error.Reason);
    }

    [Fact]
    public void A_text_file_named_docx_is_refused_as_malformed()
    {
        var error = Refused("story.docx", Encoding.UTF8.GetBytes("A state of emergency was declared in Almaty on Wednesday."));

        Assert.Equal(ArticleParseReasons.MalformedDocument, error.Reason);
    }

    [Fact]
    public void A_zip_bomb_is_refused_from_its_headers_before_it_is_unpacked()
    {
        var bomb = TestDocuments.DocxBomb(20 * 1024 * 1024);
        Assert.InRange(bomb.Length, 1, 512 * 1024);

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Refused("bomb.docx", bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ArticleParseReasons.DocumentTooLarge, error.Reason);
        Assert.Contains("zip bomb", error.Message, StringComparison.Ordinal);
        Assert.True(allocated < 16 * 1024 * 1024, $"reading the bomb allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_word_document_declaring_entities_in_a_dtd_is_refused_without_expanding_them()
    {
        var bomb = TestDocuments.DocxEntityBomb();

        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Refused("laughs.docx", bomb);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(ArticleParseReasons.MalformedDocument, error.Reason);
        Assert.True(allocated < 16 * 1024 * 1024, $"reading the entity bomb allocated {allocated:N0} bytes");
    }

    [Fact]
    public void A_zip_whose_header_understates_an_entry_is_refused()
    {
        var docx = TestDocuments.DocxBomb(512 * 1024);
        var lying = UnderstateSize(docx, "word/document.xml", 1000);

        var error = Refused("liar.docx", lying);

        Assert.Contains(error.Reason, new[] { ArticleParseReasons.DocumentTooLarge, ArticleParseReasons.MalformedDocument });
    }

    [Fact]
    public void A_zip_of_thousands_of_entries_is_refused()
    {
        var entries = Enumerable.Range(0, DocumentLimits.MaxZipEntries + 1).Select(i => ($"word/media/{i}.xml", "<x/>"u8.ToArray())).ToList();
        entries.Insert(0, ("[Content_Types].xml", TestDocuments.ContentTypes("application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml")));

        var error = Refused("many.docx", TestDocuments.Zip([.. entries]));

        Assert.Equal(ArticleParseReasons.DocumentTooLarge, error.Reason);
    }

    /// <summary>Rewrites the uncompressed size of <paramref name="entry"/> in its local header and central directory record.</summary>
    private static byte[] UnderstateSize(byte[] zip, string entry, uint size)
    {
        var copy = (byte[])zip.Clone();
        var name = Encoding.ASCII.GetBytes(entry);
        for (var i = 0; i + 46 < copy.Length; i++)
        {
            if (copy.AsSpan(i, 4).SequenceEqual("PK\u0003\u0004"u8) && copy.AsSpan(i + 30).StartsWith(name))
            {
                BitConverter.TryWriteBytes(copy.AsSpan(i + 22, 4), size);
            }
            if (copy.AsSpan(i, 4).SequenceEqual("PK\u0001\u0002"u8) && copy.AsSpan(i + 46).StartsWith(name))
            {
                BitConverter.TryWriteBytes(copy.AsSpan(i + 24, 4), size);
            }
        }
        return copy;
    }
}
