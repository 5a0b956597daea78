namespace Alerts.Tests.Stories;

/// <summary>
/// One invented wire story (written for these tests) as outlets carry it: each with its own headline, byline, site
/// boilerplate and source link, light edits and a trimmed end; and a later copy with substantial new reporting.
/// </summary>
internal static class WireCopies
{
    public static readonly string[] Body =
    [
        "The government of Norland declared a state of emergency in the northern province of Vessa on Tuesday after three days of flooding forced more than 12,000 people from their homes, officials said.",
        "Interior Minister Anna Karlsen told reporters in the capital that the emergency decree gives regional authorities power to requisition boats, close roads and order the evacuation of villages along the Vessa river.",
        "Rescue teams worked through the night to reach farms cut off by the water, and the national weather service warned that more rain was expected over the weekend.",
        "At least four people have died and dozens were treated for injuries, according to the provincial health department, which said hospitals in the towns of Lund and Harrow were operating at full capacity.",
        "The army sent two engineering battalions to shore up dams upstream of the provincial capital, where the river reached its highest level in forty years on Monday night.",
        "Residents described water rising faster than anyone expected. Shopkeepers in the old town piled sandbags against their doors while volunteers handed out blankets at a school turned into a shelter.",
        "The prime minister is due to visit the region on Wednesday and has promised compensation for families who lost their homes.",
        "Neighbouring countries have offered pumps and helicopters, and the regional civil protection service said it was ready to help if asked.",
    ];

    public static readonly string[] NewReporting =
    [
        "By Thursday morning the death toll had risen to nine, the provincial health department said, after the bodies of two fishermen and a retired teacher were recovered downstream of Harrow.",
        "Engineers warned that the Osterby dam, built in the 1950s, showed cracks along its eastern wall, and police began moving some 3,000 residents of four villages below it to higher ground before dawn.",
        "The finance ministry announced an emergency fund of 200 million crowns for rebuilding bridges and roads, while farmers' unions said thousands of cattle had drowned and the harvest in the valley was lost.",
        "Opposition leaders accused the government of ignoring warnings from hydrologists who, two years ago, urged it to strengthen the river embankments around the provincial capital and to replace the old pumping stations.",
        "In Lund, the town council opened two more sports halls as shelters and asked residents with spare rooms to take in neighbours; more than 600 families had registered by noon, a council spokeswoman said.",
        "Railway services between the provincial capital and the coast were suspended after a section of track near Harrow was washed away, and the national rail company said repairs would take at least a week.",
    ];

    public const string Wire = "Norland declares emergency as floods force thousands from homes\n\n";

    public static string Outlet(int outlet) => outlet switch
    {
        0 => Wire + string.Join("\n\n", Body) + "\n\nSource: https://www.northwire.example/world/norland-floods",
        1 => "Floods: state of emergency in Vessa as river hits 40-year high\n\nBy Maria Olsen, Valley Times staff\n\n"
            + string.Join("\n\n", Body).Replace("Interior Minister Anna Karlsen", "Norland's interior minister, Anna Karlsen,", StringComparison.Ordinal)
            + "\n\nSign up for our newsletter to get the day's top stories.\n\n© 2026 Valley Times. All rights reserved.\n\nSource: https://valleytimes.example/news/2026/vessa-floods",
        2 => "Thousands flee rising Vessa river | City Herald\n\nPosted: 3 March 2026\n\n"
            + string.Join("\n\n", Body[..^1].Select(p => p.Replace(" said ", " says ", StringComparison.Ordinal)))
            + "\n\nRead more: World news\n\nSource: https://cityherald.example/world/vessa-river-floods",
        _ => "Norland flood toll rises to nine as dam shows cracks\n\nBy Lena Berg, Coast Courier\n\n"
            + string.Join("\n\n", Body.Concat(NewReporting))
            + "\n\nSource: https://coastcourier.example/world/norland-flood-toll",
    };
}
