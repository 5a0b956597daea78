using Alerts.Articles;
using Alerts.Rules;

namespace Alerts.Tests.Rules;

public class BuiltinRuleTests
{
    private static readonly RuleMatcher Matcher = new(LoadBuiltin());

    private static List<CompiledRule> LoadBuiltin()
    {
        var result = RuleLoader.LoadBuiltin();
        Assert.Empty(result.Errors);
        return result.Rules;
    }

    internal static Article Story(string body, string? title = null) => new()
    {
        Id = ArticleParser.ComputeId(body),
        Name = "test.txt",
        Format = ArticleFormat.Text,
        Title = title,
        Body = body,
    };

    private static IEnumerable<string> RulesMatching(string body, string? title = null) =>
        Matcher.Match(Story(body, title), []).Select(m => m.Rule);

    [Fact]
    public void The_builtin_catalogue_has_the_six_named_rules()
    {
        Assert.Equal(
            ["casualties", "flight-cancellations", "mass-detentions", "shoot-to-kill", "state-of-emergency", "troop-arrivals"],
            Matcher.Rules.Select(r => r.Rule.Id).Order(StringComparer.Ordinal));
    }

    [Theory]
    [InlineData("The president declared a state of emergency in the capital on Wednesday.")]
    [InlineData("A state of emergency was declared in Almaty and the Mangystau region.")]
    [InlineData("Parliament voted to extend the state of emergency for another 30 days.")]
    [InlineData("The junta imposed martial law across the north of the country.")]
    [InlineData("Authorities announced emergency rule in three provinces after the riots.")]
    [InlineData("The city has been under a state of emergency since the floods.")]
    public void State_of_emergency_matches_declarations(string body) =>
        Assert.Contains("state-of-emergency", RulesMatching(body));

    [Theory]
    [InlineData("The patient was rushed to the emergency room, where doctors declared him stable.")]
    [InlineData("The council held an emergency meeting and announced new parking fees.")]
    [InlineData("Emergency services were called to the state fair after a ride broke down; officials extended opening hours.")]
    [InlineData("Lawmakers debated the state budget and an emergency fund for schools.")]
    public void State_of_emergency_ignores_other_emergencies(string body) =>
        Assert.DoesNotContain("state-of-emergency", RulesMatching(body));

    [Theory]
    [InlineData("The first paratroopers arrived in Almaty on Thursday.")]
    [InlineData("About 2,500 troops are expected to deploy to the country under the mission.")]
    [InlineData("Armenian peacekeepers landed at the airfield outside the capital.")]
    [InlineData("Following the arrival of the troops, the city was calm.")]
    [InlineData("NATO said additional forces had been deployed to the eastern flank.")]
    [InlineData("Troop arrivals continued through the night at the base.")]
    public void Troop_arrivals_match_paraphrases(string body) =>
        Assert.Contains("troop-arrivals", RulesMatching(body));

    [Theory]
    [InlineData("Russian-led troops began withdrawing from Kazakhstan, a week after they arrived.", "Russian-Led Troops Begin Withdrawal From Kazakhstan")]
    [InlineData("A local scout troop arrived at the camp on Saturday.", null)]
    [InlineData("Passengers waited for hours in the arrivals hall of the airport.", null)]
    [InlineData("Soldiers patrolled the arrivals hall at the international airport.", null)]
    [InlineData("The troop withdrawal will be completed by January 19.", "Troop Withdrawal To End By January 19")]
    public void Troop_arrivals_ignore_withdrawals_scouts_and_arrival_halls(string body, string? title) =>
        Assert.DoesNotContain("troop-arrivals", RulesMatching(body, title));

    [Theory]
    [InlineData("The Interior Ministry said 4,404 people had been detained since the protests began.")]
    [InlineData("Police detained hundreds of protesters in the capital overnight.")]
    [InlineData("Rights groups condemned the mass arrests that followed the vote.")]
    [InlineData("Thousands of demonstrators were arrested in a sweeping crackdown.")]
    public void Mass_detentions_match_counts_of_arrests(string body) =>
        Assert.Contains("mass-detentions", RulesMatching(body));

    [Theory]
    [InlineData("Police detained a man suspected of theft.")]
    [InlineData("Two journalists were briefly detained and later released.")]
    public void Mass_detentions_ignore_single_arrests(string body) =>
        Assert.DoesNotContain("mass-detentions", RulesMatching(body));

    [Theory]
    [InlineData("The president said he had authorized security forces to fire without warning.")]
    [InlineData("Soldiers were given shoot-to-kill orders.")]
    [InlineData("Curfew violators will be shot on sight, the governor said.")]
    public void Shoot_to_kill_matches_orders_to_fire(string body) =>
        Assert.Contains("shoot-to-kill", RulesMatching(body));

    [Fact]
    public void Shoot_to_kill_ignores_a_photo_shoot() =>
        Assert.DoesNotContain("shoot-to-kill", RulesMatching("The band will shoot a video to kill time before the tour."));

    [Theory]
    [InlineData("The death toll rose to 185, the U.N. envoy said.")]
    [InlineData("At least 26 people were killed in the clashes.")]
    [InlineData("Hundreds were wounded when the market was shelled.")]
    public void Casualties_match_tolls(string body) =>
        Assert.Contains("casualties", RulesMatching(body));

    [Theory]
    [InlineData("Air Astana said all flights from the city were cancelled until further notice.")]
    [InlineData("The airport was closed after protesters stormed the terminal.")]
    [InlineData("Authorities closed the airspace over the region.")]
    public void Flight_cancellations_match(string body) =>
        Assert.Contains("flight-cancellations", RulesMatching(body));

    [Fact]
    public void Flight_cancellations_ignore_a_flight_of_stairs() =>
        Assert.DoesNotContain("flight-cancellations", RulesMatching("He climbed a flight of stairs; the meeting was cancelled."));

    [Fact]
    public void The_sample_wire_story_meets_the_security_rules()
    {
        var article = ArticleParser.Parse("kazakhstan-emergency.txt", File.ReadAllBytes(RepoPaths.Combine("samples", "kazakhstan-emergency.txt")));
        var rules = Matcher.Match(article, []).Select(m => m.Rule).ToList();

        Assert.Contains("state-of-emergency", rules);
        Assert.Contains("troop-arrivals", rules);
        Assert.Contains("mass-detentions", rules);
        Assert.Contains("shoot-to-kill", rules);
        Assert.Contains("casualties", rules);
        Assert.Contains("flight-cancellations", rules);
    }

    [Fact]
    public void The_emergency_room_sample_meets_no_rule()
    {
        var article = ArticleParser.Parse("hospital-emergency-room.json", File.ReadAllBytes(RepoPaths.Combine("samples", "hospital-emergency-room.json")));
        Assert.Empty(Matcher.Match(article, []));
    }
}
