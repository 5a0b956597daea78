using Alerts.Articles;
using Alerts.Stories;

namespace Alerts.Tests.Stories;

public class StorySignatureTests
{
    private static StorySignature Signature(string text) =>
        StorySignature.Of(ArticleParser.Parse("copy.txt", System.Text.Encoding.UTF8.GetBytes(text)).Body)!;

    [Fact]
    public void Copies_with_another_headline_byline_boilerplate_and_a_trimmed_end_share_a_bucket_and_pass_the_threshold()
    {
        var wire = Signature(WireCopies.Outlet(0));
        foreach (var outlet in new[] { 1, 2, 3 })
        {
            var copy = Signature(WireCopies.Outlet(outlet));
            Assert.True(wire.Containment(copy) >= StoryFolder.SameStory, $"outlet {outlet}: {wire.Containment(copy):0.00}");
            Assert.NotEmpty(wire.BucketKeys().Intersect(copy.BucketKeys()));
        }
    }

    [Fact]
    public void The_same_body_with_invisible_characters_and_look_alike_letters_has_the_same_signature()
    {
        var plain = Signature(WireCopies.Outlet(0));
        var disguised = Signature(WireCopies.Outlet(0).Replace("flooding", "flo\u200Bоding", StringComparison.Ordinal).Replace("Norland", "N\u043Erland", StringComparison.Ordinal));
        Assert.Equal(1.0, plain.Jaccard(disguised));
    }

    [Fact]
    public void Another_story_about_the_same_event_stays_apart()
    {
        var other = "Vessa farmers count losses\n\nFarmers in the Vessa valley said on Wednesday that the floods had destroyed most of this year's barley and potatoes, "
            + "and that insurance would cover only a fraction of the damage. \"We have lost everything we planted in spring,\" said Per Lund, who grows potatoes near Harrow. "
            + "The agriculture ministry promised an assessment of the damage within two weeks, and the farmers' union asked for direct payments rather than loans. "
            + "Feed prices in the region have doubled since the river burst its banks, traders said, as roads to the south remain closed.";
        Assert.True(Signature(WireCopies.Outlet(0)).Containment(Signature(other)) < 0.2);
    }

    [Fact]
    public void The_new_share_of_a_copy_with_substantial_new_reporting_is_over_the_update_threshold_and_of_a_plain_copy_near_zero()
    {
        var wire = Signature(WireCopies.Outlet(0));
        Assert.True(Signature(WireCopies.Outlet(3)).NewShare(wire) >= StoryFolder.SubstantialNewText);
        Assert.True(Signature(WireCopies.Outlet(1)).NewShare(wire) < 0.1);
    }

    [Fact]
    public void A_huge_repetitive_body_is_read_only_up_to_the_cap_so_its_cost_is_bounded()
    {
        var unit = "the same words over and over again in a hostile page ";
        var huge = string.Concat(Enumerable.Repeat(unit, 5 * 1024 * 1024 / unit.Length));
        var shingles = StoryShingles.Of(huge);
        Assert.Equal(StoryShingles.Of(huge[..StoryShingles.MaxChars]).Count, shingles.Count);
        // The repeated unit's eleven shingles, and a few more where the cap cuts a word.
        Assert.True(shingles.Count <= 16, $"{shingles.Count}");
    }

    [Fact]
    public void A_stored_signature_reads_back_equal_and_a_damaged_one_reads_as_none()
    {
        var wire = Signature(WireCopies.Outlet(0));
        var back = StorySignature.FromBase64(wire.ToBase64(), wire.ShingleCount)!;
        Assert.Equal(wire.Values, back.Values);
        Assert.Null(StorySignature.FromBase64("not base64!", 10));
        Assert.Null(StorySignature.FromBase64(Convert.ToBase64String(new byte[12]), 10));
    }

    [Fact]
    public void A_body_too_short_to_tell_a_copy_from_a_coincidence_has_no_signature() =>
        Assert.Null(StorySignature.Of("Troops arrived on Monday."));
}
