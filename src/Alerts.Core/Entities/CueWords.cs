namespace Alerts.Entities;

/// <summary>The words around and inside names that say what kind of name it is.</summary>
internal static class CueWords
{
    private static HashSet<string> Set(params string[] words) => new(words, StringComparer.OrdinalIgnoreCase);

    /// <summary>Words that head a person's title: what follows them in a capitalised run is a person.</summary>
    public static readonly HashSet<string> TitleHeads = Set(
        "President", "Vice-President", "Minister", "Secretary", "Secretary-General", "Chancellor", "Commissioner",
        "Governor", "Mayor", "King", "Queen", "Prince", "Princess", "Sheikh", "Emir", "Sultan", "Ambassador", "Envoy",
        "Spokesman", "Spokeswoman", "Spokesperson", "Commander", "General", "Gen.", "Colonel", "Col.", "Lt.", "Major",
        "Maj.", "Captain", "Capt.", "Sgt.", "Sergeant", "Lieutenant", "Admiral", "Marshal", "Mr.", "Mrs.", "Ms.", "Dr.",
        "Prof.", "Professor", "Judge", "Justice", "Senator", "Sen.", "Rep.", "Representative", "Congressman",
        "Congresswoman", "Pope", "Patriarch", "Archbishop", "Bishop", "Cardinal", "Rev.", "Imam", "Ayatollah", "Leader",
        "Chairman", "Chairwoman", "Chairperson", "Director", "Director-General", "Premier", "Speaker", "Ombudsman",
        "Prosecutor", "Attorney", "Inspector", "Chief", "Coordinator", "Rapporteur", "Commissioner-General", "Monarch",
        "Crown", "Dictator", "Warlord", "Ruler", "Officer", "Superintendent", "Sheriff", "Councillor", "Councilor",
        "Spc.", "Pfc.", "Pvt.", "Cpl.", "Brig.", "Sgt", "Cpl", "Spc", "Pfc", "Pvt", "Correspondent", "Reporter", "Journalist",
        "Photojournalist", "Photographer", "Blogger", "Activist", "Poet", "Writer", "Editor", "Researcher", "Analyst",
        "Lawyer", "Airman", "Seaman", "Chargé", "Nurse");

    /// <summary>Words that qualify a title ("Prime Minister", "Deputy Foreign Minister", "Secretary of State").</summary>
    public static readonly HashSet<string> TitleModifiers = Set(
        "Prime", "Deputy", "Vice", "Acting", "Interim", "Former", "First", "Foreign", "Defense", "Defence", "Interior",
        "Finance", "Health", "Justice", "Economy", "Energy", "Trade", "Education", "Labour", "Labor", "Agriculture",
        "Transport", "Emergency", "Emergencies", "Home", "Army", "Police", "Military", "Senior", "Assistant", "Associate",
        "Executive", "Regional", "National", "Supreme", "High", "Grand", "Special", "Chief", "Attorney", "Crown",
        "Opposition", "Security", "Humanitarian", "State", "Federal", "Provincial", "Presidential", "Press", "UN", "U.N.",
        "Lieutenant", "Major", "Brigadier", "Field", "Vice-Admiral", "Rear", "Staff", "Master", "Lance", "Gunnery", "Petty",
        "Warrant", "Command", "Sergeant", "Sgt.", "Lt.", "Gen.", "Col.", "Maj.", "Brig.", "1st", "2nd", "Retired", "Ret.");

    /// <summary>After "of" in a title: "Secretary of State", "Minister of Defence", "Chief of Staff".</summary>
    public static readonly HashSet<string> TitleOfObjects = Set(
        "State", "Defense", "Defence", "Health", "Justice", "Staff", "Interior", "Finance", "Foreign", "Affairs",
        "Police", "Emergencies", "Energy", "Commerce", "Homeland", "Security", "Information", "Education", "Party", "Mission");

    /// <summary>The last word of an organisation's name.</summary>
    public static readonly HashSet<string> OrganizationTails = Set(
        "Ministry", "Committee", "Organization", "Organisation", "Agency", "Council", "Commission", "Department", "Office",
        "Bureau", "Service", "Services", "Authority", "Administration", "Assembly", "Parliament", "Congress", "Senate",
        "Court", "Tribunal", "Party", "Front", "Movement", "Army", "Forces", "Force", "Guard", "Guards", "Police",
        "Brigade", "Brigades", "Militia", "Battalion", "Regiment", "Navy", "Bank", "Fund", "Foundation", "Institute",
        "University", "College", "Association", "Federation", "League", "Union", "Alliance", "Coalition", "Network",
        "Group", "Company", "Corporation", "Corp.", "Inc.", "Ltd.", "Airlines", "Airways", "Railways", "Agency",
        "Programme", "Program", "Mission", "Centre", "Center", "Society", "Cross", "Crescent", "Watch", "International",
        "Board", "Cabinet", "Government", "Directorate", "Inspectorate", "Secretariat", "Unit", "Corps", "Command",
        "Exchange", "Club", "Times", "Post", "News", "Press", "Television", "Radio", "Broadcasting", "Industries",
        "Holdings", "Oil", "Gas", "Energy", "Telecom", "Hospital", "Clinic", "Church", "Mosque", "Synagogue", "Embassy",
        // Military units, newspapers and media, companies: recognised by their shape, not a list of names.
        "Division", "Squadron", "Wing", "Fleet", "Detachment", "Team", "Observer", "Journal", "Gazette", "Tribune",
        "Herald", "Daily", "Magazine", "Chronicle", "Monitor", "Standard", "Mirror", "Media", "Motors", "Technologies", "Systems", "Airlines", "Group",
        "Tigers", "Rebels", "Commandos", "Brotherhood", "Caucus", "Bloc", "Initiative", "Partnership", "Trust");

    /// <summary>The first word of an organisation's name ("Ministry of Defence", "Bank of England", "Air Astana").</summary>
    public static readonly HashSet<string> OrganizationHeads = Set(
        "Ministry", "Department", "Bank", "University", "Office", "Council", "Court", "Federation", "Union", "League",
        "Organization", "Organisation", "Institute", "Committee", "Commission", "Agency", "Air", "Party", "Army",
        "Assembly", "Association", "Movement", "Front", "Board", "Church", "House", "Embassy");

    /// <summary>The last word of a built place: a Location/Structural.</summary>
    public static readonly HashSet<string> StructuralTails = Set(
        "Airport", "Airfield", "Airbase", "Base", "Square", "Bridge", "Palace", "Stadium", "Station", "Street", "Avenue",
        "Road", "Highway", "Dam", "Port", "Harbour", "Harbor", "Prison", "Camp", "Building", "Tower",
        "Consulate", "Crossing", "Checkpoint", "Terminal", "Plant", "Refinery", "Mine", "Market", "Mall", "Cathedral",
        "Barracks", "Armory", "Airbase", "Zone", "Area", "Outpost", "Range");

    /// <summary>The first words of a built or natural place: "Fort Bragg", "Camp Bondsteel", "Joint Base Andrews", "Mount Everest".</summary>
    public static readonly string[][] PlaceHeads =
    [
        ["Fort"], ["Ft."], ["Camp"], ["Mount"], ["Mt."], ["Lake"], ["Cape"], ["Joint", "Base"], ["Marine", "Corps", "Base"],
        ["Air", "Force", "Base"], ["Naval", "Air", "Station"], ["Naval", "Station"],
    ];

    /// <summary>The first word of a named event (an operation, an exercise, a storm): an Event, never a person.</summary>
    public static readonly HashSet<string> EventHeads = Set(
        "Operation", "Exercise", "Hurricane", "Typhoon", "Cyclone", "Storm", "Tropical", "Super", "Winter", "Superstorm");

    /// <summary>The last word of a named event.</summary>
    public static readonly HashSet<string> EventTails = Set(
        "Exercise", "Exercises", "Games", "Olympics", "Festival", "Summit", "Conference", "Forum", "Cup", "Championship",
        "Marathon", "Election", "Elections", "Referendum", "Revolution", "War", "Massacre", "Uprising", "Spring");

    /// <summary>Vehicles, aircraft and ships: Products, never people ("Black Hawk", "USS Bonhomme Richard").</summary>
    public static readonly HashSet<string> ProductHeads = Set("USS", "USNS", "HMS", "HMAS", "ARC", "MV", "RV", "INS");

    public static readonly HashSet<string> ProductWords = Set(
        "Hawk", "Hawks", "Chinook", "Chinooks", "Osprey", "Ospreys", "Stryker", "Strykers", "Humvee", "Humvees", "Globemaster",
        "Hercules", "Stallion", "Lakota", "Apache", "Apaches", "Abrams", "Bradley", "Vehicle", "Vehicles", "Lancer", "Raptor",
        "Lightning", "Galaxy", "Seahawk", "Cobra", "Huey", "Patriot", "Patriots", "HIMARS");

    /// <summary>The last word of a natural or administrative area: a Location/Geographical or GPE.</summary>
    public static readonly HashSet<string> GeographicalTails = Set(
        "River", "Mountains", "Mountain", "Mount", "Sea", "Lake", "Valley", "Desert", "Gulf", "Bay", "Island", "Islands",
        "Peninsula", "Coast", "Strait", "Basin", "Plateau", "Forest", "Ocean", "Delta", "Hills", "Heights", "Plain");

    public static readonly HashSet<string> AdministrativeTails = Set(
        "Province", "Region", "District", "Oblast", "County", "Governorate", "Prefecture", "Territory", "Municipality",
        "Republic", "Kingdom", "Emirate", "Canton", "Raion", "Krai", "State");

    /// <summary>Words before a name that make it a place: "in Nur-Sultan", "the town of Zhanaozen".</summary>
    public static readonly HashSet<string> PlacePrepositions = Set(
        "in", "near", "outside", "around", "across", "into", "toward", "towards", "throughout");

    public static readonly HashSet<string> PlaceNouns = Set(
        "town", "city", "village", "capital", "province", "region", "district", "port", "suburb", "neighbourhood",
        "neighborhood", "settlement", "county", "oblast", "state", "island", "enclave", "municipality", "hub");

    /// <summary>Verbs of speech after a name: "Blinken said", "Guterres urged".</summary>
    public static readonly HashSet<string> SpeechVerbs = Set(
        "said", "says", "told", "added", "urged", "warned", "announced", "stated", "wrote", "declared", "insisted",
        "claimed", "confirmed", "denied", "tweeted", "posted", "noted", "explained", "argued", "acknowledged", "admitted",
        "replied", "asked", "demanded", "vowed", "pledged", "accused", "ordered", "signed", "decreed");

    /// <summary>
    /// Closed-class words and adverbs: never part of a name, however they are capitalised ("The", "Within", "However").
    /// Nouns that open sentences ("Authorities", "Health officials") are not here: alone at a sentence start they are
    /// dropped anyway, and inside a name they belong to it ("Security Council").
    /// </summary>
    public static readonly HashSet<string> CommonWords = Set(
        "a", "an", "the", "this", "that", "these", "those", "some", "many", "most", "more", "much", "few", "several", "all",
        "any", "each", "every", "both", "either", "neither", "no", "none", "other", "another", "such", "i", "we", "you",
        "he", "she", "it", "they", "his", "her", "its", "their", "our", "my", "your", "who", "whom", "whose", "which",
        "what", "where", "when", "why", "how", "whether", "if", "then", "than", "and", "but", "or", "nor", "so", "yet",
        "for", "of", "in", "on", "at", "by", "to", "from", "with", "without", "within", "into", "onto", "over", "under",
        "after", "before", "during", "since", "until", "till", "while", "although", "though", "because", "as", "about",
        "above", "below", "across", "against", "along", "among", "amid", "around", "behind", "beside", "besides",
        "between", "beyond", "despite", "down", "inside", "near", "off", "out", "outside", "through", "throughout",
        "toward", "towards", "up", "upon", "via", "also", "however", "meanwhile", "moreover", "furthermore", "nevertheless",
        "still", "instead", "later", "earlier", "now", "today", "yesterday", "tomorrow", "tonight", "there", "here",
        "once", "already", "again", "only", "even", "just", "not", "according", "asked", "speaking", "including", "upon",
        "last", "next", "following", "separately", "elsewhere", "overnight", "in", "thousands", "hundreds", "dozens",
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third",
        "sign", "share", "follow", "read", "watch", "subscribe", "click", "home", "news", "breaking", "update", "updated",
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "jan.", "feb.", "mar.",
        "apr.", "jun.", "jul.", "aug.", "sep.", "sept.", "oct.", "nov.", "dec.", "is", "are", "was", "were", "be", "been",
        "has", "have", "had", "do", "does", "did", "will", "would", "should", "could", "can", "must", "might", "ok", "yes");

    /// <summary>Connectors that may sit inside a name between capitalised words ("Bank of England", "Abu Bakr al Baghdadi").</summary>
    public static readonly HashSet<string> NameConnectors = new(StringComparer.Ordinal)
    {
        "of", "for", "de", "del", "da", "do", "dos", "das", "al", "el", "bin", "ibn", "van", "von", "der", "den", "la", "le",
    };

    /// <summary>Suffixes that turn a name into an adjective: "Moscow-led", "Kyiv-based", "Iran-backed".</summary>
    public static readonly HashSet<string> AdjectiveSuffixes = Set(
        "led", "based", "backed", "born", "run", "held", "controlled", "allied", "bound", "owned", "brokered", "made",
        "funded", "supported", "occupied", "linked", "aligned", "friendly", "style", "era", "wide", "flagged");

    /// <summary>The last word of a unit that a second unit can follow after a comma: "1st Battalion, 8th Infantry Regiment".</summary>
    public static readonly HashSet<string> UnitTails = Set(
        "Battalion", "Squadron", "Company", "Troop", "Battery", "Brigade", "Regiment", "Division", "Group", "Team", "Wing");

    /// <summary>Units that carry a number after their name: "Joint Task Force 505", "Amphibious Squadron 11", "Carrier Strike Group 12".</summary>
    public static readonly HashSet<string> NumberedUnitTails = Set(
        "Force", "Squadron", "Group", "Team", "Division", "Brigade", "Battalion", "Fleet", "Wing", "Unit", "Detachment", "Flotilla");

    /// <summary>A unit that belongs to the regiment named after it: "1st Battalion, 8th Infantry Regiment" (companies and troops are named apart).</summary>
    public static readonly HashSet<string> SubUnitTails = Set("Battalion", "Squadron");

    /// <summary>Plural nouns that open a run without being part of the name: "Soldiers of 588th Brigade Engineer Battalion".</summary>
    public static readonly HashSet<string> GenericPlurals = Set(
        "Soldiers", "Troops", "Members", "Residents", "Officials", "Paratroopers", "Airmen", "Sailors", "Marines", "Leaders",
        "Citizens", "Students", "Workers", "Supporters", "Fighters", "Families", "Thousands", "Hundreds", "Dozens", "Editors",
        "Journalists", "Reporters", "Staff", "Employees", "Officers", "Commanders");

    /// <summary>Lower-case words just before a name that make it an event: "for exercise Trident Juncture", "in support of Atlantic Resolve".</summary>
    public static readonly HashSet<string> EventCues = Set("exercise", "exercises", "operation", "operations", "mission", "drill", "drills");

    /// <summary>Sub-units named by a letter: "Company C", "Troop B", "Battery A".</summary>
    public static readonly HashSet<string> LetteredUnits = Set("Company", "Troop", "Battery", "Platoon");

    /// <summary>Country names used as adjectives before a noun ("U.S. troops"): not a place there.</summary>
    public static readonly HashSet<string> AdjectivalCountries = new(StringComparer.Ordinal) { "U.S.", "US", "U.K.", "UK", "U.N.", "UN" };

    /// <summary>
    /// Closed-class words that, capitalised inside a run, end the name: "Alberto Fujimori On Thursday", "Leader With 777
    /// Votes" (a title-case headline run into the text). Only words that are never part of a person's name.
    /// </summary>
    public static readonly HashSet<string> RunBreakers = new(StringComparer.Ordinal)
    {
        "On", "In", "At", "With", "Without", "For", "The", "A", "An", "And", "Or", "But", "To", "From", "By", "As", "After",
        "Before", "Is", "Are", "Was", "Were", "Will", "Has", "Have", "Not", "Its", "Their", "His", "Her", "Into", "Over",
        "Under", "Against", "Amid", "During", "Despite", "Since", "Until", "Than", "That", "This", "These", "Those", "About",
        "Between", "Who", "What", "How", "Why", "When", "Where", "Isn't", "Don't", "Won't", "Can't", "It's",
    };

    /// <summary>
    /// Ordinary nouns that name things, units and documents: a capitalised run holding one is not a person's name
    /// ("Light Infantry", "Border Protection", "Spring Patrol", "Anti-Cybercrime Law", "Country Summary").
    /// </summary>
    public static readonly HashSet<string> NotPersonWords = Set(
        "Infantry", "Cavalry", "Artillery", "Armor", "Armour", "Armored", "Armoured", "Airborne", "Aviation", "Combat",
        "Battle", "Patrol", "Defender", "Controllers", "Border", "Protection", "Security", "Defense", "Defence", "Report",
        "Summary", "Law", "Act", "Plan", "Project", "Program", "Programme", "Strategy", "Treaty", "Accord", "Agreement",
        "Protocol", "Declaration", "Charter", "Award", "Prize", "Medal", "Truck", "Detention", "Leaders", "Activists",
        "Changes", "Protest", "Protests", "Rally", "Campaign", "Rail", "Railway", "Express", "Highway", "Online", "Digital",
        "Global", "National", "International", "Regional", "Democracy", "Pro-Democracy", "Freedom", "Rights", "Human",
        "Crisis", "Refugee", "Refugees", "Asylum", "Seeker", "Migrants", "Migration", "Netizen", "Netizens", "Bloggers",
        "Citizens", "Dead", "Killer", "Struggle", "Elections", "Election", "Vote", "Votes", "Court", "Police", "Army",
        "Military", "Forces", "Troops", "Soldiers", "Operations", "Training", "Readiness", "Response", "Logistics",
        "Support", "Engineer", "Engineers", "Transportation", "Signal", "Medical", "Task", "Joint", "Multinational", "Port");

    /// <summary>A lower-case noun right after a name that says it is an event: "the Big White Circle protest", "the Steadfast Defender series".</summary>
    public static readonly HashSet<string> EventNounsAfter = Set(
        "exercise", "exercises", "series", "operation", "drill", "drills", "protest", "protests", "march", "rally",
        "campaign", "festival", "summit", "conference", "games", "tournament", "ceremony", "project", "initiative");

    /// <summary>
    /// A lower-case noun next to a name that says it is an organisation: "the White Falcon company", "the organization
    /// Casa Pueblo", "the daily Jornal Livre", "the rebel group M23".
    /// </summary>
    public static readonly HashSet<string> OrganizationNouns = Set(
        "organization", "organisation", "group", "party", "movement", "newspaper", "daily", "weekly", "magazine", "blog",
        "website", "broadcaster", "channel", "agency", "company", "firm", "ministry", "militia", "network", "union",
        "coalition", "alliance", "charity", "foundation", "association", "NGO", "airline", "bank", "outlet", "platform");

    /// <summary>First words of Spanish, French, Italian or Portuguese names of places and groups, never of a person: "La Libertad", "Los Cinco".</summary>
    public static readonly HashSet<string> ForeignArticles = new(StringComparer.Ordinal) { "La", "Le", "Les", "Los", "Las", "Il", "Lo", "Os", "As" };

    /// <summary>Credit words: "Photo by Jane Doe"; after a name ("U.S. Army Photo") they are not part of it.</summary>
    public static readonly HashSet<string> CreditWords = Set("photo", "photos", "video", "illustration", "graphic", "photograph");

    /// <summary>Phonetic-alphabet names of company-level units: "Alpha Company", "Charlie Battery".</summary>
    public static readonly HashSet<string> PhoneticLetters = Set(
        "Alpha", "Bravo", "Charlie", "Delta", "Echo", "Foxtrot", "Golf", "Hotel", "India", "Kilo", "Lima", "Mike",
        "November", "Oscar", "Papa", "Quebec", "Romeo", "Sierra", "Tango", "Uniform", "Victor", "Whiskey", "X-ray", "Yankee", "Zulu");

    /// <summary>Upper-case words that are not organisations.</summary>
    public static readonly HashSet<string> NotAcronyms = new(StringComparer.Ordinal)
    {
        "GMT", "UTC", "AM", "PM", "TV", "ID", "OK", "CEO", "GDP", "COVID", "PCR", "SMS", "PDF", "URL", "HTML", "II", "III",
        "IV", "VI", "VII", "VIII", "IX", "XI", "XII", "MP", "MPS", "MW", "KM", "KG", "CCTV", "SUV", "DNA", "HIV", "AIDS",
        // Things soldiers and reporters abbreviate that are not organisations.
        "IED", "IEDS", "CBRN", "RPG", "UAV", "UAVS", "POW", "POWS", "MRE", "PPE", "NCO", "NCOS", "ATV", "VIP", "SOS", "FAQ",
        "GPS", "LGBT", "LGBTQ", "AK", "PTSD", "EOD", "QRF", "HQ",
    };
}
