namespace Alerts.Entities;

/// <summary>Category and subcategory names as Azure AI Language's named entity recognition returns them.</summary>
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
}
