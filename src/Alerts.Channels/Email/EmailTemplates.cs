using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Alerts.Digests;
using Alerts.Rules;
using Alerts.Subscriptions;
using Fluid;

namespace Alerts.Channels.Email;

/// <summary>
/// Renders emails from the Liquid templates embedded in this assembly (<c>Channels/Email/Templates/*.liquid</c>).
/// The HTML part is rendered with an HTML encoder, so every piece of article text is encoded; the only raw values
/// are snippets, which are encoded here before their highlights are wrapped in <c>&lt;mark&gt;</c>.
/// A digest's content is rendered once for every subscriber who gets the same content (same rules, window and format
/// make the same articles): the per-recipient parts (the address, the unsubscribe link) are rendered as markers and
/// filled in per recipient, encoded as the template would have encoded them.
/// </summary>
public sealed class EmailTemplates
{
    // Rendered contents kept for reuse; past this many the cache starts over (a batch shares a few at most).
    private const int MaxRendered = 256;
    // Markers no article can contain: they hold a random value made per process.
    private static readonly string Nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
    private static readonly string RecipientMarker = "zrecipient" + Nonce + "z";
    private static readonly string UnsubscribeMarker = "zunsubscribe" + Nonce + "z";
    private readonly ConcurrentDictionary<string, Lazy<Task<(string Html, string Text)>>> _rendered = new(StringComparer.Ordinal);
    private int _renders;

    private const string ResourcePrefix = "Alerts.Channels.Email.Templates.";
    private static readonly FluidParser Parser = new();
    private readonly TemplateOptions _options = new() { CultureInfo = CultureInfo.InvariantCulture };
    private readonly IFluidTemplate _digestHtml = Load("digest.html.liquid");
    private readonly IFluidTemplate _digestText = Load("digest.txt.liquid");
    private readonly IFluidTemplate _confirmHtml = Load("confirm.html.liquid");
    private readonly IFluidTemplate _confirmText = Load("confirm.txt.liquid");

    public async Task<EmailMessage> RenderDigestAsync(Subscription subscription, Digest digest, Uri unsubscribeUrl)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(digest);
        ArgumentNullException.ThrowIfNull(unsubscribeUrl);
        var subject = Subject(digest);
        var model = new Dictionary<string, object?>
        {
            ["subject"] = subject,
            ["heading"] = digest.Kind == DigestKind.Immediate ? "New alert" : $"{Count(digest.Articles.Count + digest.MoreArticles, "article")} matched your alerts",
            ["window"] = digest.Kind == DigestKind.Immediate
                ? $"Matched {Format(digest.WindowEnd)}"
                : $"{Format(digest.WindowStart)} to {Format(digest.WindowEnd)}",
            ["articles"] = digest.Articles.Select(ArticleModel).ToList(),
            ["more_articles"] = digest.MoreArticles,
        };
        var (sharedHtml, sharedText) = await RenderSharedAsync(model).ConfigureAwait(false);
        var unsubscribe = unsubscribeUrl.AbsoluteUri;
        var html = sharedHtml
            .Replace(RecipientMarker, HtmlEncoder.Default.Encode(subscription.Target), StringComparison.Ordinal)
            .Replace(UnsubscribeMarker, HtmlEncoder.Default.Encode(unsubscribe), StringComparison.Ordinal);
        var text = sharedText
            .Replace(RecipientMarker, subscription.Target, StringComparison.Ordinal)
            .Replace(UnsubscribeMarker, unsubscribe, StringComparison.Ordinal);
        return new EmailMessage
        {
            To = subscription.Target,
            Subject = subject,
            HtmlBody = html,
            TextBody = text,
            MessageId = digest.Id,
            Headers = new Dictionary<string, string>
            {
                // RFC 8058 one-click unsubscribe: mail clients POST "List-Unsubscribe=One-Click" to the link.
                ["List-Unsubscribe"] = $"<{unsubscribeUrl.AbsoluteUri}>",
                ["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click",
            },
        };
    }

    /// <summary>How many times digest content was rendered (not filled in for a recipient): for tests and the log.</summary>
    public int DigestRenders => Volatile.Read(ref _renders);

    /// <summary>The digest's HTML and text with recipient markers, rendered once per distinct content.</summary>
    private Task<(string Html, string Text)> RenderSharedAsync(Dictionary<string, object?> model)
    {
        // The key is the content itself (everything the templates show), so equal keys render alike.
        var key = Convert.ToBase64String(SHA256.HashData(JsonSerializer.SerializeToUtf8Bytes(model)));
        if (_rendered.Count >= MaxRendered)
        {
            _rendered.Clear();
        }
        var entry = _rendered.GetOrAdd(key, _ => new Lazy<Task<(string, string)>>(() =>
        {
            Interlocked.Increment(ref _renders);
            model["recipient"] = RecipientMarker;
            model["unsubscribe_url"] = UnsubscribeMarker;
            return RenderAsync(_digestHtml, _digestText, model);
        }));
        var rendering = entry.Value;
        if (rendering.IsFaulted)
        {
            _rendered.TryRemove(new KeyValuePair<string, Lazy<Task<(string, string)>>>(key, entry));
        }
        return rendering;
    }

    public async Task<EmailMessage> RenderConfirmationAsync(Subscription subscription, Uri confirmUrl)
    {
        ArgumentNullException.ThrowIfNull(subscription);
        ArgumentNullException.ThrowIfNull(confirmUrl);
        const string subject = "Confirm your Alerts subscription";
        var model = new Dictionary<string, object?>
        {
            ["subject"] = subject,
            ["recipient"] = subscription.Target,
            ["cadence"] = subscription.Cadence.Kind.ToString().ToLowerInvariant(),
            ["watches"] = subscription.Rules.Concat(subscription.Queries.Select(q => $"your query: {q}")).ToList(),
            ["confirm_url"] = confirmUrl.AbsoluteUri,
        };
        var (html, text) = await RenderAsync(_confirmHtml, _confirmText, model).ConfigureAwait(false);
        return new EmailMessage
        {
            To = subscription.Target,
            Subject = subject,
            HtmlBody = html,
            TextBody = text,
            MessageId = "confirm-" + subscription.Id,
        };
    }

    private async Task<(string Html, string Text)> RenderAsync(IFluidTemplate html, IFluidTemplate text, Dictionary<string, object?> model)
    {
        var context = new TemplateContext(_options);
        foreach (var (name, value) in model)
        {
            context.SetValue(name, value);
        }
        var renderedHtml = await html.RenderAsync(context, HtmlEncoder.Default).ConfigureAwait(false);
        var renderedText = await text.RenderAsync(context, NullEncoder.Default).ConfigureAwait(false);
        return (renderedHtml, renderedText);
    }

    private static Dictionary<string, object?> ArticleModel(DigestArticle article) => new()
    {
        ["title"] = string.IsNullOrWhiteSpace(article.Title) ? "(untitled)" : article.Title,
        ["url"] = article.Url?.AbsoluteUri,
        ["byline"] = string.Join(" · ", new[] { article.Source, article.PublishedAt is { } p ? Format(p) : null }.Where(s => !string.IsNullOrEmpty(s))),
        ["severity"] = article.Severity.ToString().ToLowerInvariant(),
        ["update"] = article.IsUpdate,
        ["also_reported"] = StoryGroups.AlsoReported(article.AlsoReportedBy),
        ["color"] = article.Severity switch
        {
            Severity.Critical => "#b91c1c",
            Severity.High => "#c2410c",
            Severity.Medium => "#a16207",
            _ => "#52525b",
        },
        ["matches"] = article.Matches.Select(m => new Dictionary<string, object?>
        {
            ["title"] = m.Title,
            ["severity"] = m.Severity.ToString().ToLowerInvariant(),
            ["snippets"] = m.Snippets.Select(s => new Dictionary<string, object?>
            {
                ["text"] = s.Marked,
                ["html"] = s.Mark("<mark>", "</mark>", WebUtility.HtmlEncode),
            }).ToList(),
        }).ToList(),
        ["entity_groups"] = article.EntityGroups.Select(g => new Dictionary<string, object?>
        {
            ["label"] = g.Label,
            ["names"] = string.Join(", ", g.Names),
        }).ToList(),
    };

    private static string Subject(Digest digest)
    {
        var top = digest.Articles.Count > 0 ? digest.Articles[0] : null;
        var title = top?.Title is { Length: > 0 } t ? t : "new matches";
        var subject = digest.Articles.Count + digest.MoreArticles > 1
            ? $"Alerts: {title} and {Count(digest.Articles.Count + digest.MoreArticles - 1, "more article")}"
            : $"Alerts: {title}";
        // Article text never reaches a header unfiltered.
        subject = new string([.. subject.Select(c => char.IsControl(c) ? ' ' : c)]);
        return subject.Length <= 200 ? subject : subject[..199] + "…";
    }

    private static string Count(int n, string noun) => n == 1 ? $"1 {noun}" : $"{n.ToString(CultureInfo.InvariantCulture)} {noun}s";

    private static string Format(DateTimeOffset time) => time.UtcDateTime.ToString("d MMM yyyy HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private static IFluidTemplate Load(string name)
    {
        using var stream = typeof(EmailTemplates).Assembly.GetManifestResourceStream(ResourcePrefix + name)
            ?? throw new InvalidOperationException($"The email template {name} is not embedded.");
        using var reader = new StreamReader(stream);
        var source = reader.ReadToEnd();
        return Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"The email template {name} does not parse: {error}");
    }
}
