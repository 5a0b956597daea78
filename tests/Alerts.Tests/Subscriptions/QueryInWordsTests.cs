using Alerts.Subscriptions;

namespace Alerts.Tests.Subscriptions;

/// <summary>A subscriber reads their own query in words in every alert: each clause kind of the rule syntax.</summary>
public sealed class QueryInWordsTests
{
    [Theory]
    [InlineData("troops Almaty", "troops and Almaty")]
    [InlineData("troops AND Almaty", "troops and Almaty")]
    [InlineData("troops && Almaty", "troops and Almaty")]
    [InlineData("troops OR soldiers", "troops or soldiers")]
    [InlineData("troops || soldiers", "troops or soldiers")]
    [InlineData("troops NOT withdrawal", "troops but not withdrawal")]
    [InlineData("troops AND NOT withdrawal", "troops but not withdrawal")]
    [InlineData("troops -withdrawal", "troops but not withdrawal")]
    [InlineData("troops !withdrawal", "troops but not withdrawal")]
    [InlineData("NOT withdrawal", "not withdrawal")]
    [InlineData("+troops +Almaty", "troops and Almaty")]
    [InlineData("(troops OR soldiers) AND arrived", "(troops or soldiers) and arrived")]
    [InlineData("\"state of emergency\"", "\"state of emergency\"")]
    [InlineData("\"curfew imposed\"~2", "\"curfew imposed\" within 2 words")]
    [InlineData("\"curfew imposed\"~1", "\"curfew imposed\" within 1 word")]
    [InlineData("\"(troops soldiers paratroopers) (arrived landed)\"~3", "\"(troops, soldiers or paratroopers) (arrived or landed)\" within 3 words")]
    [InlineData("deploy*", "words starting with deploy")]
    [InlineData("de?loy", "words like de?loy")]
    [InlineData("/[0-9]{3,}/", "words matching /[0-9]{3,}/")]
    [InlineData("tokayev~1", "tokayev or a close spelling")]
    [InlineData("title:earthquake", "in the title: earthquake")]
    [InlineData("body:\"martial law\"", "in the body: \"martial law\"")]
    [InlineData("title:(earthquake OR flood)", "in the title: (earthquake or flood)")]
    [InlineData("person:tokayev", "the person tokayev")]
    [InlineData("location:almaty AND curfew", "the place almaty and curfew")]
    [InlineData("organization:csto", "the organisation csto")]
    [InlineData("curfew^2 Almaty", "curfew and Almaty")]
    [InlineData("[2020 TO 2022]", "from 2020 to 2022")]
    [InlineData("{a TO c}", "between a and c")]
    [InlineData("shoot-to-kill", "shoot-to-kill")]
    public void A_clause_reads_in_words(string query, string words) => Assert.Equal(words, QueryInWords.Describe(query));

    [Theory]
    [InlineData("\"unclosed phrase")]
    [InlineData("title:")]
    public void A_query_it_cannot_follow_is_shown_as_written(string query) => Assert.Equal(query, QueryInWords.Describe(query));
}
