namespace Alerts.Rules;

/// <summary>The fields a query can name. Unfielded terms search <see cref="Text"/>: the title and the body.</summary>
public static class RuleFields
{
    public const string Text = "text";
    public const string Title = "title";
    public const string Body = "body";
    public const string Person = "person";
    public const string Location = "location";
    public const string Organization = "organization";

    public static IReadOnlyList<string> All { get; } = [Text, Title, Body, Person, Location, Organization];
}
