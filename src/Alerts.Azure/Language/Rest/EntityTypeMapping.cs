using Alerts.Entities;

namespace Alerts.Language.Rest;

/// <summary>
/// Maps an entity of api-version 2024-11-01 (finest <c>type</c> plus <c>tags</c>) to the project's category and
/// subcategory, the vocabulary the embedded extractor and the rules share (City, CountryRegion and Airport are
/// Location/GPE or Location/Structural; OrganizationMedical is Organization/Medical). A 2023-04-01 entity
/// (<c>category</c> and <c>subcategory</c>) passes through unchanged.
/// </summary>
internal static class EntityTypeMapping
{
    // Top-level tags named differently from the project's categories.
    private static readonly Dictionary<string, string> TopLevel = new(StringComparer.Ordinal)
    {
        ["Temporal"] = EntityCategory.DateTime,
        ["Numeric"] = EntityCategory.Quantity,
    };

    private static readonly HashSet<string> Categories =
    [
        EntityCategory.Person, EntityCategory.PersonType, EntityCategory.Location, EntityCategory.Organization,
        EntityCategory.Event, EntityCategory.Product, EntityCategory.Skill, EntityCategory.Address,
        EntityCategory.PhoneNumber, EntityCategory.Email, EntityCategory.Url, EntityCategory.IP,
        EntityCategory.DateTime, EntityCategory.Quantity,
    ];

    // A 2024-11-01 type (or tag) and the subcategory it had in 2023-04-01.
    private static readonly Dictionary<string, string> Subcategory = new(StringComparer.Ordinal)
    {
        [EntityCategory.Types.City] = EntityCategory.Subcategories.GPE,
        [EntityCategory.Types.State] = EntityCategory.Subcategories.GPE,
        [EntityCategory.Types.CountryRegion] = EntityCategory.Subcategories.GPE,
        [EntityCategory.Types.Continent] = EntityCategory.Subcategories.GPE,
        [EntityCategory.Subcategories.GPE] = EntityCategory.Subcategories.GPE,
        [EntityCategory.Types.Airport] = EntityCategory.Subcategories.Structural,
        [EntityCategory.Subcategories.Structural] = EntityCategory.Subcategories.Structural,
        [EntityCategory.Types.Geological] = EntityCategory.Subcategories.Geographical,
        [EntityCategory.Types.OrganizationMedical] = EntityCategory.Subcategories.Medical,
        [EntityCategory.Types.OrganizationStockExchange] = EntityCategory.Subcategories.Stock,
        [EntityCategory.Types.OrganizationSports] = EntityCategory.Subcategories.Sports,
        [EntityCategory.Subcategories.Date] = EntityCategory.Subcategories.Date,
        [EntityCategory.Subcategories.Time] = EntityCategory.Subcategories.Time,
        [EntityCategory.Subcategories.DateRange] = EntityCategory.Subcategories.DateRange,
        [EntityCategory.Subcategories.TimeRange] = EntityCategory.Subcategories.TimeRange,
        [EntityCategory.Types.DateTimeRange] = EntityCategory.Subcategories.DateRange,
        [EntityCategory.Subcategories.Duration] = EntityCategory.Subcategories.Duration,
        [EntityCategory.Types.SetTemporal] = EntityCategory.Subcategories.Set,
        [EntityCategory.Subcategories.Number] = EntityCategory.Subcategories.Number,
        [EntityCategory.Types.NumberRange] = EntityCategory.Subcategories.Number,
        [EntityCategory.Subcategories.Percentage] = EntityCategory.Subcategories.Percentage,
        [EntityCategory.Subcategories.Ordinal] = EntityCategory.Subcategories.Ordinal,
        [EntityCategory.Subcategories.Age] = EntityCategory.Subcategories.Age,
        [EntityCategory.Subcategories.Currency] = EntityCategory.Subcategories.Currency,
        [EntityCategory.Subcategories.Temperature] = EntityCategory.Subcategories.Temperature,
        [EntityCategory.Subcategories.Dimension] = EntityCategory.Subcategories.Dimension,
    };

    public static (string Category, string? Subcategory) Map(string? category, string? subcategory, string? type, IReadOnlyList<string> tags)
    {
        if (type is null && tags.Count == 0)
        {
            return (category ?? "Unknown", subcategory);
        }

        var names = type is null ? tags : [type, .. tags];
        var resolved = category is not null && Categories.Contains(category) ? category
            : TopLevel.TryGetValue(category ?? "", out var renamed) ? renamed
            : names.Select(n => TopLevel.TryGetValue(n, out var r) ? r : n).FirstOrDefault(Categories.Contains)
            ?? category ?? type ?? "Unknown";

        // The finest known name wins: the type, then the tags from the most specific (last) backwards.
        string? mapped = null;
        foreach (var name in (IEnumerable<string>)(type is null ? [.. Enumerable.Reverse(tags)] : [type, .. Enumerable.Reverse(tags)]))
        {
            if (Subcategory.TryGetValue(name, out var found))
            {
                mapped = found;
                break;
            }
        }
        // A finer type the 2023 vocabulary has no name for (CulturalEvent, ComputingProduct) is kept as it is.
        mapped ??= type is not null && type != resolved && !TopLevel.ContainsKey(type) && !Categories.Contains(type) ? type : null;
        return (resolved, subcategory ?? mapped);
    }
}
