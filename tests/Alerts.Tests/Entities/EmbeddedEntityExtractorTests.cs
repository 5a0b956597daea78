using Alerts.Articles;
using Alerts.Entities;

namespace Alerts.Tests.Entities;

public class EmbeddedEntityExtractorTests
{
    private readonly EmbeddedEntityExtractor _extractor = new();

    private static async Task<Article> SampleAsync(string file)
    {
        var bytes = await File.ReadAllBytesAsync(RepoPaths.Combine("samples", file));
        return ArticleParser.Parse(file, bytes);
    }

    private static HashSet<string> Names(IEnumerable<Entity> entities, string category) =>
        [.. entities.Where(e => e.Category == category).Select(e => e.Text)];

    [Fact]
    public async Task A_wire_story_yields_the_people_places_and_organisations_a_reader_would_list()
    {
        var article = await SampleAsync("kazakhstan-emergency.txt");

        var entities = _extractor.Extract(article.Body);

        Assert.Equal(
            ["Kassym-Jomart Tokayev", "Tokayev", "Nursultan Nazarbaev", "Nazarbaev", "Antony Blinken", "Antonio Guterres"],
            Names(entities, EntityCategory.Person));
        Assert.Superset(
            new HashSet<string> { "Almaty", "Kazakhstan", "Russia", "Moscow", "Nur-Sultan", "Zhanaozen", "Washington", "U.S.", "Almaty International Airport" },
            Names(entities, EntityCategory.Location));
        Assert.Equal(
            ["Interior Ministry", "Collective Security Treaty Organization", "CSTO", "Russian Defense Ministry", "Air Astana", "Security Council", "United Nations"],
            Names(entities, EntityCategory.Organization));
        Assert.Superset(new HashSet<string> { "President", "Secretary of State", "Secretary-General" }, Names(entities, EntityCategory.PersonType));
    }

    [Fact]
    public async Task Every_entity_points_at_its_own_text_in_the_body()
    {
        foreach (var file in new[] { "kazakhstan-emergency.txt", "sudan-khartoum-fighting.md", "troop-withdrawal.html" })
        {
            var article = await SampleAsync(file);
            var entities = _extractor.Extract(article.Body);

            Assert.NotEmpty(entities);
            Assert.All(entities, e => Assert.Equal(e.Text, article.Body.Substring(e.Offset, e.Length)));
            // In order and never overlapping, as Azure AI Language returns them.
            for (var i = 1; i < entities.Count; i++)
            {
                Assert.True(entities[i - 1].Offset + entities[i - 1].Length <= entities[i].Offset, $"{entities[i - 1].Text} overlaps {entities[i].Text} in {file}");
            }
        }
    }

    [Theory]
    [InlineData("The ministry said on Monday that calm had returned.")]
    [InlineData("Authorities imposed a curfew. Within hours the streets were empty.")]
    [InlineData("Health officials said 40 people were treated. Internet access was cut.")]
    [InlineData("Many residents fled. However, some stayed behind.")]
    [InlineData("Security forces patrolled the city. Police said it was calm.")]
    public void Sentence_openers_are_not_names(string text)
    {
        var entities = _extractor.Extract(text);

        Assert.DoesNotContain(entities, e => e.Category is EntityCategory.Person or EntityCategory.Organization or EntityCategory.Location);
    }

    [Fact]
    public void A_later_bare_surname_is_the_person_named_in_full_earlier()
    {
        var entities = _extractor.Extract(
            "Prime Minister Alikhan Smailov resigned on Wednesday. Smailov had been in office since 2022. Officials close to Smailov said he would stay on.");

        var people = entities.Where(e => e.Category == EntityCategory.Person).Select(e => e.Text).ToList();
        Assert.Equal(["Alikhan Smailov", "Smailov", "Smailov"], people);
        Assert.Contains(entities, e => e is { Text: "Prime Minister", Category: EntityCategory.PersonType });
    }

    [Fact]
    public void Name_particles_belong_to_the_name_and_the_bare_surname_follows()
    {
        var entities = _extractor.Extract("Army chief General Abdel Fattah al-Burhan rejected talks. Burhan said the army would not negotiate.");

        Assert.Equal(["Abdel Fattah al-Burhan", "Burhan"], Names(entities, EntityCategory.Person));
    }

    [Fact]
    public void A_person_is_recognised_from_a_speech_verb_or_an_age_without_a_title()
    {
        var entities = _extractor.Extract(
            "Volunteers arrived at dawn. Dana Zhunusova said the shelter was full. The group was founded by Yerlan Abenov, 54, last year.");

        Assert.Equal(["Dana Zhunusova", "Yerlan Abenov"], Names(entities, EntityCategory.Person));
        Assert.Contains(entities, e => e is { Text: "54", Category: EntityCategory.Quantity, Subcategory: EntityCategory.Subcategories.Age });
    }

    [Fact]
    public void Places_come_from_the_gazetteer_from_cue_words_and_from_context()
    {
        var entities = _extractor.Extract(
            "Clashes spread from Bishkek to the mining town of Kara-Balta and along the Chu River. Crowds gathered in Talas and outside Ala-Too Square.");

        Assert.Contains(entities, e => e is { Text: "Bishkek", Category: EntityCategory.Location, Subcategory: EntityCategory.Subcategories.GPE });
        Assert.Contains(entities, e => e is { Text: "Kara-Balta", Category: EntityCategory.Location });
        Assert.Contains(entities, e => e is { Text: "Chu River", Subcategory: EntityCategory.Subcategories.Geographical });
        Assert.Contains(entities, e => e is { Text: "Talas", Category: EntityCategory.Location });
        Assert.Contains(entities, e => e is { Text: "Ala-Too Square", Subcategory: EntityCategory.Subcategories.Structural });
    }

    [Fact]
    public void Organisations_come_from_cue_words_acronym_definitions_and_well_known_names()
    {
        var entities = _extractor.Extract(
            "The Steppe Relief Initiative (SRI) and the Ministry of Emergency Situations sent tents. NATO and the Red Cross offered help, and Kazakhstan Temir Zholy Railways suspended trains.");

        Assert.Equal(
            ["Steppe Relief Initiative", "SRI", "Ministry of Emergency Situations", "NATO", "Red Cross", "Kazakhstan Temir Zholy Railways"],
            Names(entities, EntityCategory.Organization));
    }

    [Fact]
    public void Demonyms_and_led_adjectives_are_not_names_but_the_place_inside_is()
    {
        var entities = _extractor.Extract("Armenian and Belarusian peacekeepers joined a Moscow-led bloc of former Soviet states in the Central Asian country.");

        Assert.Equal(["Moscow"], entities.Where(e => e.Category is EntityCategory.Location or EntityCategory.Person or EntityCategory.Organization).Select(e => e.Text));
    }

    [Fact]
    public void All_caps_acronyms_match_only_in_capitals()
    {
        var entities = _extractor.Extract("Who ordered it? WHO officials said the US and the U.K. would send aid to us.");

        Assert.Equal(["WHO", "US", "U.K."], entities.Where(e => e.Category is EntityCategory.Organization or EntityCategory.Location).Select(e => e.Text));
    }

    [Fact]
    public void Dates_times_and_quantities_carry_Azure_Language_subcategories()
    {
        var entities = _extractor.Extract(
            "On January 08, 2022 at 11:53 GMT, the 68-year-old minister said prices rose 12 percent, that $5 million in aid had arrived, and that 2,500 troops would stay for three weeks.");

        Assert.Contains(entities, e => e is { Text: "January 08, 2022", Category: EntityCategory.DateTime, Subcategory: EntityCategory.Subcategories.Date });
        Assert.Contains(entities, e => e is { Text: "11:53 GMT", Subcategory: EntityCategory.Subcategories.Time });
        Assert.Contains(entities, e => e is { Text: "68-year-old", Subcategory: EntityCategory.Subcategories.Age });
        Assert.Contains(entities, e => e is { Text: "12 percent", Subcategory: EntityCategory.Subcategories.Percentage });
        Assert.Contains(entities, e => e is { Text: "$5 million", Subcategory: EntityCategory.Subcategories.Currency });
        Assert.Contains(entities, e => e is { Text: "2,500", Subcategory: EntityCategory.Subcategories.Number });
        Assert.Contains(entities, e => e is { Text: "three weeks", Subcategory: EntityCategory.Subcategories.Duration });
    }

    [Theory]
    [InlineData("")]
    [InlineData("   \n\n  ")]
    [InlineData("no capitals here at all, only words.")]
    public void Text_without_names_gives_no_names(string text)
    {
        Assert.DoesNotContain(_extractor.Extract(text), e => e.Category is EntityCategory.Person or EntityCategory.Organization or EntityCategory.Location);
    }

    [Fact]
    public async Task Reports_itself_as_the_embedded_extractor_and_costs_nothing()
    {
        var result = await _extractor.ExtractAsync("President Kassym-Jomart Tokayev spoke.", "en", CancellationToken.None);

        Assert.Equal("embedded", result.Extractor);
        Assert.Equal(0, result.TextRecords);
        Assert.Contains(result.Entities, e => e.Text == "Kassym-Jomart Tokayev");
    }

    [Theory]
    [InlineData("KHARTOUM, Sudan (VOA) — Fighting resumed on Sunday.", "KHARTOUM")]
    [InlineData("CAMP BONDSTEEL, Kosovo - The brigade took command on Monday.", "CAMP BONDSTEEL")]
    public void A_dateline_in_capitals_is_a_place_not_an_organisation(string body, string place)
    {
        var entities = _extractor.Extract(body);

        Assert.Contains(place, Names(entities, EntityCategory.Location));
        Assert.DoesNotContain(place, Names(entities, EntityCategory.Organization));
    }

    [Theory]
    [InlineData("Interim leader Ali Mahdi promised elections.", "Interim leader", "Ali Mahdi")]
    [InlineData("Defence Minister Liam Fox visited the base.", "Defence Minister", "Liam Fox")]
    [InlineData("Spc. Michael J. Crutchfield, 21, died on Dec. 23.", "Spc.", "Michael J. Crutchfield")]
    public void A_role_word_before_a_name_is_a_person_type_and_the_person_is_kept(string body, string role, string person)
    {
        var entities = _extractor.Extract(body);

        Assert.Contains(role, Names(entities, EntityCategory.PersonType));
        Assert.Contains(person, Names(entities, EntityCategory.Person));
    }

    [Theory]
    [InlineData("Paratroopers of the 82nd Airborne Division landed on Friday.", "82nd Airborne Division")]
    [InlineData("Soldiers from the 1st Battalion, 8th Infantry Regiment arrived.", "1st Battalion, 8th Infantry Regiment")]
    [InlineData("Editors of the Daily Monitor were questioned.", "Daily Monitor")]
    [InlineData("The Awami League called a strike and the Government of El Salvador replied.", "Government of El Salvador")]
    [InlineData("He wrote for the Addis Tribune until 2015.", "Addis Tribune")]
    public void Organisations_outside_the_gazetteer_are_recognised_by_their_shape(string body, string organisation)
    {
        Assert.Contains(organisation, Names(_extractor.Extract(body), EntityCategory.Organization));
    }

    [Theory]
    [InlineData("Crews flew UH-60 Black Hawk helicopters to the coast.", "Black Hawk")]
    [InlineData("The storm, Hurricane Maria, hit the island.", "Maria")]
    [InlineData("Units deployed in support of Atlantic Resolve trained there.", "Atlantic Resolve")]
    [InlineData("Marines trained before Exercise Trident Juncture began.", "Trident Juncture")]
    [InlineData("Crimean Tatars marked the anniversary.", "Crimean Tatars")]
    [InlineData("The USS Bonhomme Richard sailed on Monday.", "Bonhomme Richard")]
    public void No_demonym_vehicle_product_or_event_name_is_a_person(string body, string notAPerson)
    {
        var people = Names(_extractor.Extract(body), EntityCategory.Person);

        Assert.DoesNotContain(people, p => p.Contains(notAPerson, StringComparison.Ordinal));
    }

    [Fact]
    public void Forts_camps_and_bases_are_places_and_a_city_before_its_state_is_a_place()
    {
        var entities = _extractor.Extract("He served at Fort Bragg and Joint Base Andrews before moving to Stockton, Calif., in 2019.");

        Assert.Superset(new HashSet<string> { "Fort Bragg", "Joint Base Andrews", "Stockton" }, Names(entities, EntityCategory.Location));
        Assert.Empty(Names(entities, EntityCategory.Person));
    }
    [Fact]
    public void A_title_case_headline_run_into_the_text_yields_no_people()
    {
        // A headline and its first line pasted as one paragraph: capitals say nothing until the sentence starts.
        var entities = _extractor.Extract(
            "Grain Farmers Demand Answers as Depot Fire Spreads Across Valley Residents of the valley said the smoke reached their homes.\n\n"
            + "Syria's Most Vulnerable Live a Hard Life in Crowded Camps Aid workers said winter was coming.");

        Assert.Empty(Names(entities, EntityCategory.Person));
    }

    [Fact]
    public void A_capitalised_small_word_ends_a_name()
    {
        var entities = _extractor.Extract("Crowds waited for Rafael Ortega On Thursday night, he left the court by a side door.");

        Assert.Contains("Rafael Ortega", Names(entities, EntityCategory.Person));
        Assert.DoesNotContain(Names(entities, EntityCategory.Person), p => p.Contains("Thursday", StringComparison.Ordinal));
    }

    [Fact]
    public void The_noun_beside_a_name_says_whether_it_is_an_event_or_an_organisation()
    {
        var entities = _extractor.Extract(
            "Thousands joined the Green Ribbon protest called by the group Nuestra Voz, while paratroopers of the Iron Wolf company stood guard. "
            + "Later the paratroopers of Iron Wolf went home.");

        Assert.Empty(Names(entities, EntityCategory.Person));
        Assert.Contains("Green Ribbon", Names(entities, EntityCategory.Event));
        Assert.Superset(new HashSet<string> { "Nuestra Voz", "Iron Wolf" }, Names(entities, EntityCategory.Organization));
    }

    [Fact]
    public void Units_keep_their_number_and_aircraft_types_are_not_organisations()
    {
        var entities = _extractor.Extract(
            "Marines of Joint Task Force 505 and Amphibious Squadron 11 arrived on a KC-130 flown by the 12th Combat Aviation Brigade UH-60 Black Hawk crews.");

        var organisations = Names(entities, EntityCategory.Organization);
        Assert.Superset(new HashSet<string> { "Joint Task Force 505", "Amphibious Squadron 11", "12th Combat Aviation Brigade" }, organisations);
        Assert.DoesNotContain(organisations, o => o.Contains("KC-130", StringComparison.Ordinal) || o.Contains("UH-60", StringComparison.Ordinal));
        Assert.Empty(Names(entities, EntityCategory.Person));
    }

    [Fact]
    public void Company_level_sub_units_are_not_named_on_their_own()
    {
        var entities = _extractor.Extract("Paratroopers from Company C and Alpha Company joined Troop B at the range.");

        Assert.DoesNotContain(entities, e => e.Category is EntityCategory.Organization or EntityCategory.Person);
    }

    [Fact]
    public void A_country_used_as_an_adjective_is_not_a_place()
    {
        var entities = _extractor.Extract("More than 900 U.S. personnel are already there. The envoy flew back to the U.S. on Monday.");

        Assert.Single(entities, e => e.Category == EntityCategory.Location && e.Text == "U.S.");
    }

    [Fact]
    public void Names_joined_by_and_that_end_like_an_organisation_are_one_organisation()
    {
        var entities = _extractor.Extract("Officers of the Border and Migration Police met envoys of the Army and Navy on Friday.");

        var organisations = Names(entities, EntityCategory.Organization);
        Assert.Contains("Border and Migration Police", organisations);
        Assert.DoesNotContain("Army and Navy", organisations);
    }

    [Fact]
    public void A_photo_credit_and_a_person_of_an_institute_are_people()
    {
        var entities = _extractor.Extract(
            "Soldiers unload supplies at the port. (U.S. Army photo by Dana Reyes) Talks went on. Amina Yusuf of the Institute for Security Studies expects little from them.");

        Assert.Superset(new HashSet<string> { "Dana Reyes", "Amina Yusuf" }, Names(entities, EntityCategory.Person));
        Assert.Superset(new HashSet<string> { "U.S. Army", "Institute for Security Studies" }, Names(entities, EntityCategory.Organization));
    }

    [Theory]
    [InlineData("Crews reached La Libertad by road.", "La Libertad")]
    [InlineData("The 10th Mountain Division (Light Infantry) was based there.", "Light Infantry")]
    [InlineData("The Anti-Cybercrime Law took effect on Monday.", "Anti-Cybercrime Law")]
    [InlineData("The ship sailed for its regularly scheduled Spring Patrol in the region.", "Spring Patrol")]
    public void Names_of_things_places_and_units_are_not_people(string body, string notAPerson)
    {
        Assert.DoesNotContain(notAPerson, Names(_extractor.Extract(body), EntityCategory.Person));
    }
    [Fact]
    public void Possessives_inside_names_of_counties_and_offices_and_the_district_after_a_city_stay_in_the_name()
    {
        var entities = _extractor.Extract(
            "He grew up in Prince Edward's County and later joined the Attorney General's Office. The U.S. Embassy moved staff to Washington, D.C., on Friday.");

        Assert.Superset(new HashSet<string> { "Prince Edward's County", "Washington, D.C." }, Names(entities, EntityCategory.Location));
        Assert.Superset(new HashSet<string> { "Attorney General's Office", "U.S. Embassy" }, Names(entities, EntityCategory.Organization));
        Assert.Empty(Names(entities, EntityCategory.Person));
    }
    [Fact]
    public void A_run_opened_by_a_common_given_name_is_a_person_even_when_a_place_shares_the_surname()
    {
        var entities = _extractor.Extract("The escort took George Washington to the ceremony, and Amina Lagos watched from the steps.");

        Assert.Superset(new HashSet<string> { "George Washington", "Amina Lagos" }, Names(entities, EntityCategory.Person));
        Assert.DoesNotContain("Washington", Names(entities, EntityCategory.Location));
    }
}
