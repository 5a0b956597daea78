namespace Alerts.IntegrationTests.Journeys;

/// <summary>One mail in the catcher's inbox: what a reader sees of it.</summary>
internal sealed record Mail(string Id, string Subject, string Text, string Html);
