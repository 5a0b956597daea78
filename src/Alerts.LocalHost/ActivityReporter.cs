using System.Globalization;
using Alerts.Analysis;
using Alerts.Delivery;
using Alerts.Storage;
using Spectre.Console;

namespace Alerts.LocalHost;

/// <summary>What the local host tells the person running it: each article analysed, each digest run, each alert sent.</summary>
public sealed class ActivityReporter(IAnsiConsole console, TimeProvider time)
{
    private string Now => time.GetLocalNow().ToString("HH:mm:ss", CultureInfo.InvariantCulture);

    public void ArticleProcessed(ProcessingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var upload = result.Upload;
        if (upload.Status == UploadStatus.Failed)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{Now}[/] [red]✗ {upload.Name}[/]: refused ({upload.Reason}) {upload.Message}");
            return;
        }
        var analysis = result.Analysis!;
        var counts = string.Join(", ", analysis.Entities.GroupBy(e => e.Category).OrderByDescending(g => g.Count())
            .Select(g => $"{g.Count()} {g.Key}"));
        var rules = analysis.Matches.Count == 0 ? "no rule matched" : string.Join(", ", analysis.Matches.Select(m => m.Rule));
        var status = upload.Status == UploadStatus.Duplicate ? " [yellow](duplicate of an earlier upload)[/]" : "";
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{Now}[/] [blue]■[/] [bold]{analysis.Article.Title ?? upload.Name}[/]{status}");
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"           [grey]{upload.Name} · {analysis.Extractor} · {counts}[/]");
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"           rules: [yellow]{rules}[/]");
    }

    /// <summary>An upload the extractor's configuration stopped; the trigger retries it, then poisons it.</summary>
    public void ArticleHeld(string name, string reason, string message) =>
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{Now}[/] [red]✗ {name}[/]: not analysed ({reason}) {message} Retrying.");

    public void DigestRun(DigestRunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        if (summary.Sent + summary.Failed + summary.Held > 0)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{Now}[/] [magenta]✉[/] digest batch: {summary.Sent} sent, {summary.Failed} failed, {summary.Retried} retried, {summary.Held} held by another run ({summary.Subscriptions} active subscriptions)");
        }
    }

    public void ImmediateSent(string articleId, int sent)
    {
        if (sent > 0)
        {
            console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{Now}[/] [magenta]⚡[/] immediate alert for {articleId[..12]}… sent to {sent} subscriber(s)");
        }
    }

    public void Uploaded(string file, string blob) =>
        console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[grey]{Now} ↑ {file} → articles/{blob}[/]");

    public void Warning(string message) => console.MarkupLineInterpolated(CultureInfo.InvariantCulture, $"[yellow]! {message}[/]");
}
