using Alerts.Entities;
using Alerts.Language;

namespace Alerts.Tests.Language;

public class EntitySeamsTests
{
    private const string Body = "President Kassym-Jomart Tokayev spoke. Astana listened.";

    [Fact]
    public void A_name_cut_in_two_mid_sentence_is_merged()
    {
        DocumentChunk[] chunks = [new(0, "President Kassym-Jomart", 23, EndsMidSentence: true), new(24, Body[24..], 31, false)];
        Entity[] found = [new("Kassym-Jomart", "Person", null, 10, 13, 0.9), new("Tokayev", "Person", null, 24, 7, 0.8)];

        var merged = EntitySeams.Merge(Body, found, chunks);

        var person = Assert.Single(merged);
        Assert.Equal(new Entity("Kassym-Jomart Tokayev", "Person", null, 10, 21, 0.8), person);
    }

    [Fact]
    public void Entities_either_side_of_a_sentence_end_stay_apart()
    {
        DocumentChunk[] chunks = [new(0, "Kazakhstan", 10, EndsMidSentence: false), new(11, "Astana", 6, false)];
        const string body = "Kazakhstan\nAstana";
        Entity[] found = [new("Kazakhstan", "Location", "GPE", 0, 10, 1), new("Astana", "Location", "GPE", 11, 6, 1)];

        Assert.Equal(2, EntitySeams.Merge(body, found, chunks).Count);
    }

    [Fact]
    public void Duplicates_keep_the_surer_one()
    {
        DocumentChunk[] chunks = [new(0, Body, Body.Length, false)];
        Entity[] found = [new("Astana", "Location", "GPE", 39, 6, 0.5), new("Astana", "Location", "GPE", 39, 6, 0.9)];

        Assert.Equal(0.9, Assert.Single(EntitySeams.Merge(Body, found, chunks)).Confidence);
    }
}
