using Alerts.Articles;

namespace Alerts.Tests.Articles;

/// <summary>Markdown uploads reach the wire-story reader as the words a reader sees, one paragraph per block.</summary>
public class MarkdownTextTests
{
    [Fact]
    public void Headings_and_paragraphs_keep_their_breaks_and_lose_their_markup()
    {
        var text = MarkdownText.ToPlainText("# Curfew in *Almaty*\n\nBy Alerts Wire | January 5, 2022\n\nThe **president** declared\na state of emergency.\n\n---\n\n> Residents were told to stay home.\n");

        Assert.Equal("Curfew in Almaty\n\nBy Alerts Wire | January 5, 2022\n\nThe president declared\na state of emergency.\n\nResidents were told to stay home.", text);
    }

    [Fact]
    public void Links_read_as_their_text_whether_inline_reference_or_bare_and_images_go()
    {
        var text = MarkdownText.ToPlainText(
            "Troops [arrived][landing] at the [airport](https://example.org/airport \"Airport\") ![map](map.png), " +
            "see <https://example.org/live>.\n\n[landing]: https://example.org/landing\n");

        Assert.Equal("Troops arrived at the airport , see https://example.org/live.", text);
    }

    [Fact]
    public void Nested_lists_give_one_item_per_line()
    {
        var text = MarkdownText.ToPlainText("Closed roads:\n\n- Kyiv\n  - Khreshchatyk\n  - Bankova\n- Lviv\n\n1. First\n2. Second\n");

        Assert.Equal("Closed roads:\n\nKyiv\nKhreshchatyk\nBankova\nLviv\n\nFirst\nSecond", text);
    }

    [Fact]
    public void A_table_gives_one_line_per_row()
    {
        var text = MarkdownText.ToPlainText("Casualties:\n\n| City | Killed |\n|---|---:|\n| Khartoum | 185 |\n| Omdurman | 12 |\n");

        Assert.Equal("Casualties:\n\nCity | Killed\nKhartoum | 185\nOmdurman | 12", text);
    }

    [Fact]
    public void Code_keeps_its_text_without_fences_or_backticks()
    {
        var text = MarkdownText.ToPlainText("The flight code was `KC-901`.\n\n```\nKC 901 ALA-IST CANCELLED\n```\n");

        Assert.Equal("The flight code was KC-901.\n\nKC 901 ALA-IST CANCELLED", text);
    }

    [Fact]
    public void Html_is_not_passed_through()
    {
        var text = MarkdownText.ToPlainText("<script>alert('x')</script>\n\n<div class=\"ad\">\nSubscribe now\n</div>\n\nTanks <b>entered</b> the city &amp; the port.\n");

        Assert.Equal("Tanks entered the city & the port.", text);
    }

    [Fact]
    public void Markup_without_words_gives_nothing()
    {
        Assert.Equal("", MarkdownText.ToPlainText("# \n\n---\n\n* \n\n> \n"));
    }

    [Theory]
    [InlineData(2_000, "> ")]
    [InlineData(2_000, "- ")]
    [InlineData(2_000, ">")]
    public void Hostile_nesting_is_refused_with_a_clear_reason(int levels, string marker)
    {
        var error = Assert.Throws<ArticleParseException>(() => MarkdownText.ToPlainText(string.Concat(Enumerable.Repeat(marker, levels)) + "deep\n\nEnd."));

        Assert.Equal(ArticleParseReasons.Unreadable, error.Reason);
        Assert.Contains("too deeply", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Ordinary_nesting_reads_through()
    {
        Assert.Equal("deep\n\nEnd.", MarkdownText.ToPlainText(string.Concat(Enumerable.Repeat("> ", 10)) + "deep\n\nEnd."));
    }
}
