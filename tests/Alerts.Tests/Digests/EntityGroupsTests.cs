using Alerts.Digests;
using Alerts.Entities;

namespace Alerts.Tests.Digests;

/// <summary>The names an alert lists under each label, each once.</summary>
public sealed class EntityGroupsTests
{
    private static Entity E(string text, string category, int offset) => new(text, category, null, offset, text.Length, 0.9);

    [Fact]
    public void A_surname_a_dateline_in_capitals_and_the_full_name_are_one_person_under_the_full_name()
    {
        var groups = EntityGroups.Of(
        [
            E("ALMATY", EntityCategory.Location, 0),
            E("Kassym-Jomart Tokayev", EntityCategory.Person, 20),
            E("Almaty", EntityCategory.Location, 60),
            E("Tokayev", EntityCategory.Person, 90),
            E("almaty", EntityCategory.Location, 120),
            E("CSTO", EntityCategory.Organization, 140),
            E("Collective Security Treaty Organization", EntityCategory.Organization, 150),
            E("Tokayev", EntityCategory.Person, 200),
            E("January 8", EntityCategory.DateTime, 210),
        ]);

        Assert.Equal(["People", "Places", "Organisations"], groups.Select(g => g.Label));
        Assert.Equal(["Kassym-Jomart Tokayev"], groups[0].Names);
        Assert.Equal(["Almaty"], groups[1].Names);
        // An acronym is not a word of the long name: both stay.
        Assert.Equal(["CSTO", "Collective Security Treaty Organization"], groups[2].Names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Different_people_sharing_no_name_stay_apart_most_mentioned_first()
    {
        var groups = EntityGroups.Of(
        [
            E("Vladimir Putin", EntityCategory.Person, 0),
            E("Kassym-Jomart Tokayev", EntityCategory.Person, 10),
            E("Tokayev", EntityCategory.Person, 40),
            E("Putin", EntityCategory.Person, 50),
            E("Tokayev", EntityCategory.Person, 60),
        ]);
        Assert.Equal(["Kassym-Jomart Tokayev", "Vladimir Putin"], Assert.Single(groups).Names);
    }

    [Fact]
    public void An_article_without_names_has_no_groups() =>
        Assert.Empty(EntityGroups.Of([E("January 8", EntityCategory.DateTime, 0)]));
}
