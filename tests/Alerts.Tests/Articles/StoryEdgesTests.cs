using System.Text;
using Alerts.Articles;

namespace Alerts.Tests.Articles;

/// <summary>Lines that look like a trailer or a byline at the top of a story neither drop the story nor invent its outlet.</summary>
public class StoryEdgesTests
{
    private const string Key = "The president declared a state of emergency in the capital on Wednesday.";
    private const string More = "Troops were deployed to the main square, officials said.";

    private static Article Parse(string text, string name = "story.txt") => ArticleParser.Parse(name, Encoding.UTF8.GetBytes(text));

    [Fact]
    public void A_story_that_begins_with_its_url_keeps_its_title_and_body()
    {
        var article = Parse($"https://example.org/news/emergency-2022\n\nEmergency declared\n\n{Key}\n\n{More}\n");

        Assert.Equal("Emergency declared", article.Title);
        Assert.Equal($"{Key}\n\n{More}", article.Body);
        Assert.Equal("https://example.org/news/emergency-2022", article.Url?.ToString());
    }

    [Theory]
    [InlineData("Source: Reuters\n\nEmergency declared\n\n{0}\n\n{1}\n")]
    [InlineData("Emergency declared\nSource: Reuters\n\n{0}\n\n{1}\n")]
    public void A_source_line_at_the_top_names_the_outlet_and_keeps_the_body(string layout)
    {
        var article = Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, layout, Key, More));

        Assert.Equal("Emergency declared", article.Title);
        Assert.Equal("Reuters", article.Source);
        Assert.Equal($"{Key}\n\n{More}", article.Body);
    }

    [Theory]
    [InlineData("Emergency declared\n\nWritten by staff.\n\n{0}\n\n{1}\n")]
    [InlineData("Emergency declared\n\n{0}\n\nWritten by staff.\n\n{1}\n")]
    public void A_written_by_line_does_not_cut_the_story(string layout)
    {
        var article = Parse(string.Format(System.Globalization.CultureInfo.InvariantCulture, layout, Key, More));

        Assert.Contains(Key, article.Body, StringComparison.Ordinal);
        Assert.Contains(More, article.Body, StringComparison.Ordinal);
        Assert.Null(article.Source);
    }

    [Fact]
    public void The_trailer_at_the_end_is_still_removed()
    {
        var article = Parse($"Emergency declared\n\n{Key}\n\n{More}\n\nWritten by staff.\n\nSource: https://example.org/a/1\n\nCopyright 2022 Example News. All rights reserved.\nHome | News | World | About\n");

        Assert.Equal($"{Key}\n\n{More}", article.Body);
        Assert.Equal("https://example.org/a/1", article.Url?.ToString());
    }

    [Theory]
    [InlineData("By Staff Reporter", null)]
    [InlineData("By Jane Doe", null)]
    [InlineData("By Jane Doe and John Smith", null)]
    [InlineData("By Jane Doe, Staff Reporter", null)]
    [InlineData("By Jane Doe, Reuters", "Reuters")]
    [InlineData("By RFE/RL January 08, 2022", "RFE/RL")]
    [InlineData("By Associated Press", "Associated Press")]
    public void A_byline_names_the_outlet_only_when_it_has_one(string byline, string? outlet)
    {
        var article = Parse($"Emergency declared\n{byline}\n\n{Key}\n");

        Assert.Equal(outlet, article.Source);
        Assert.Equal(Key, article.Body);
    }
}

/// <summary>HTML whose markup alone would cost the parser minutes is refused before parsing, in one linear pass.</summary>
public class MarkupCostTests
{
    private static Article Parse(string html) => ArticleParser.Parse("page.html", Encoding.UTF8.GetBytes(html));

    private static string Page(string element) =>
        $"<!DOCTYPE html><html><body>{element}<p>The president declared a state of emergency on Wednesday.</p></body></html>";

    [Theory]
    [InlineData(300_000)]
    [InlineData(1_001)]
    public void An_element_with_thousands_of_attributes_is_refused(int count)
    {
        var attributes = string.Concat(Enumerable.Range(0, count).Select(i => $" a{i}=\"{i}\""));

        var ex = Assert.Throws<ArticleParseException>(() => Parse(Page($"<div{attributes}>x</div>")));

        Assert.Equal(ArticleParseReasons.HtmlTooComplex, ex.Reason);
        Assert.Contains($"{count:N0} attributes", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_many_tags_are_refused()
    {
        var ex = Assert.Throws<ArticleParseException>(() => Parse(Page(string.Concat(Enumerable.Repeat("<b></b>", 130_000)))));
        Assert.Equal(ArticleParseReasons.HtmlTooComplex, ex.Reason);
    }

    [Fact]
    public void A_quoted_angle_bracket_does_not_end_a_tag_and_ordinary_attributes_pass()
    {
        var article = Parse(Page("<div class=\"a > b\" data-x='1' hidden><span title=\"x\">Note</span></div>"));
        Assert.Contains("state of emergency", article.Body, StringComparison.Ordinal);
    }
}
