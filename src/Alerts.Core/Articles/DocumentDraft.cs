using System.Text.RegularExpressions;

namespace Alerts.Articles;

/// <summary>
/// Turns the blocks of a PDF or Word document and its metadata into a draft: the metadata title when it is a real one
/// (not "Microsoft Word - decree.docx"), else the first heading, else the first line; the metadata date, else a byline date.
/// </summary>
internal static partial class DocumentDraft
{
    private const int MaxTitleLength = 300;
    private static readonly DateTimeOffset EarliestDate = new(1990, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static ArticleDraft Build(IReadOnlyList<DocumentBlock> blocks, string? metadataTitle, DateTimeOffset? metadataDate)
    {
        var body = blocks.Where(b => !string.IsNullOrWhiteSpace(b.Text)).ToList();
        var title = UsableTitle(metadataTitle);
        if (title is not null)
        {
            // A document usually repeats its title as its first heading; the body need not say it twice.
            if (body.Count > 0 && string.Equals(Fold(body[0].Text), Fold(title), StringComparison.OrdinalIgnoreCase))
            {
                body.RemoveAt(0);
            }
        }
        else if (body.Count > 1)
        {
            // The first heading near the top, else a one-line first block, as a plain-text upload's title is its first line.
            var heading = body.Take(5).FirstOrDefault(b => b.IsHeading && Fold(b.Text).Length <= MaxTitleLength);
            if (heading is not null)
            {
                title = Fold(heading.Text);
                body.Remove(heading);
            }
            else if (!body[0].Text.Contains('\n', StringComparison.Ordinal) && Fold(body[0].Text) is { Length: > 0 and <= MaxTitleLength } line && !EndsSentence(line))
            {
                // A first block of one line that ends no sentence; the first line of a wrapped paragraph is no title.
                title = line;
                body.RemoveAt(0);
            }
        }

        var draft = WireText.ParseBody(string.Join("\n\n", body.Select(b => b.Text)));
        return draft with
        {
            Title = title,
            PublishedAt = UsableDate(metadataDate) ?? draft.PublishedAt,
        };
    }

    /// <summary>A metadata title unless it is empty, a placeholder or a file name that an exporter wrote.</summary>
    public static string? UsableTitle(string? title)
    {
        if (string.IsNullOrWhiteSpace(title))
        {
            return null;
        }
        var folded = Fold(title);
        if (folded.Length < 3 || Placeholder().IsMatch(folded) || FileName().IsMatch(folded))
        {
            return null;
        }
        return folded.Length <= MaxTitleLength ? folded : null;
    }

    /// <summary>A metadata date unless it is before PDF and Word files were common or later than now (an unset or broken clock).</summary>
    public static DateTimeOffset? UsableDate(DateTimeOffset? date) =>
        date is { } d && d >= EarliestDate && d <= DateTimeOffset.UtcNow.AddDays(2) ? d.ToUniversalTime() : null;

    private static bool EndsSentence(string line) => line[^1] is '.' or '?' or '!' or ';' or ',';

    private static string Fold(string text) => string.Join(' ', text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));

    [GeneratedRegex(@"^(untitled|untitled document|document\d*|title|new document|no title|slide \d+)$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"^(Microsoft (Word|PowerPoint) - .*|.*\.(docx?|docm|pdf|rtf|odt|txt|html?|indd|qxd|tex|dotx?))$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FileName();
}
