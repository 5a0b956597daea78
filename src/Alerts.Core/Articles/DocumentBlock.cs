namespace Alerts.Articles;

/// <summary>A paragraph, heading or table row of a PDF or Word document, in reading order.</summary>
internal sealed record DocumentBlock(string Text, bool IsHeading = false);
