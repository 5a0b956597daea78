namespace Alerts.Entities;

/// <summary>
/// The project's entity categories and subcategories: Azure AI Language's categories and its 2023-04-01
/// subcategories, which both extractors emit. <see cref="Types"/> lists the finer types of api-version
/// 2024-11-01 that map onto them.
/// </summary>
public static class EntityCategory
{
    public const string Person = "Person";
    public const string PersonType = "PersonType";
    public const string Location = "Location";
    public const string Organization = "Organization";
    public const string Event = "Event";
    public const string Product = "Product";
    public const string Skill = "Skill";
    public const string Address = "Address";
    public const string PhoneNumber = "PhoneNumber";
    public const string Email = "Email";
    public const string Url = "URL";
    public const string IP = "IP";
    public const string DateTime = "DateTime";
    public const string Quantity = "Quantity";

    public static class Subcategories
    {
        // Location
        public const string GPE = "GPE";
        public const string Geographical = "Geographical";
        public const string Structural = "Structural";

        // Organization
        public const string Medical = "Medical";
        public const string Stock = "Stock exchange";
        public const string Sports = "Sports";

        // DateTime
        public const string Date = "Date";
        public const string Time = "Time";
        public const string DateRange = "DateRange";
        public const string TimeRange = "TimeRange";
        public const string Duration = "Duration";
        public const string Set = "Set";

        // Quantity
        public const string Number = "Number";
        public const string Percentage = "Percentage";
        public const string Ordinal = "Ordinal";
        public const string Age = "Age";
        public const string Currency = "Currency";
        public const string Dimension = "Dimension";
        public const string Temperature = "Temperature";
    }

    /// <summary>Entity types of api-version 2024-11-01 (with their tags) that have no 2023-04-01 name of their own.</summary>
    public static class Types
    {
        public const string City = "City";
        public const string State = "State";
        public const string CountryRegion = "CountryRegion";
        public const string Continent = "Continent";
        public const string Airport = "Airport";
        public const string Geological = "Geological";
        public const string OrganizationMedical = "OrganizationMedical";
        public const string OrganizationStockExchange = "OrganizationStockExchange";
        public const string OrganizationSports = "OrganizationSports";
        public const string DateTimeRange = "DateTimeRange";
        public const string SetTemporal = "SetTemporal";
        public const string NumberRange = "NumberRange";
        public const string CulturalEvent = "CulturalEvent";
        public const string SportsEvent = "SportsEvent";
        public const string NaturalEvent = "NaturalEvent";
        public const string ComputingProduct = "ComputingProduct";
    }
}
