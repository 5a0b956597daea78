using Alerts.Channels.Email;
using Alerts.Delivery;
using Alerts.Digests;
using Alerts.Rules;
using Alerts.Subscriptions;
using Moq;

namespace Alerts.Tests.Channels;

/// <summary>The email channel and onboarding over a mocked sender port (the SMTP path is tested against a real server).</summary>
public sealed class EmailAdaptersTests
{
    private static readonly Uri Unsubscribe = new("https://alerts.test/api/unsubscribe?token=abc.def");
    private static readonly Uri Confirm = new("https://alerts.test/api/confirm?token=ghi.jkl");

    private static readonly Subscription Subscriber = new()
    {
        Id = "sabcdefghijklmnopqrst",
        Channel = Channel.Email,
        Target = "analyst@example.org",
        Rules = ["state-of-emergency"],
        Cadence = Cadence.Hourly,
        Status = SubscriptionStatus.Pending,
        CreatedAt = DateTimeOffset.UnixEpoch,
    };

    private static Mock<ISubscriptionLinks> Links()
    {
        var links = new Mock<ISubscriptionLinks>();
        links.Setup(l => l.UnsubscribeAsync(It.IsAny<Subscription>(), It.IsAny<CancellationToken>())).ReturnsAsync(Unsubscribe);
        links.Setup(l => l.ConfirmAsync(It.IsAny<Subscription>(), It.IsAny<CancellationToken>())).ReturnsAsync(Confirm);
        return links;
    }

    private static Digest Digest(string title) => new()
    {
        Id = "dg_0123456789abcdef",
        SubscriptionId = Subscriber.Id,
        Kind = DigestKind.Scheduled,
        WindowStart = new DateTimeOffset(2022, 1, 8, 7, 0, 0, TimeSpan.Zero),
        WindowEnd = new DateTimeOffset(2022, 1, 8, 8, 0, 0, TimeSpan.Zero),
        CreatedAt = new DateTimeOffset(2022, 1, 8, 8, 0, 30, TimeSpan.Zero),
        Articles =
        [
            new DigestArticle
            {
                ArticleId = "a1",
                Title = title,
                Source = "Wire & Co <b>",
                Url = new Uri("https://news.example.org/a?b=1&c=2"),
                MatchedAt = new DateTimeOffset(2022, 1, 8, 7, 30, 0, TimeSpan.Zero),
                Severity = Severity.Critical,
                Matches =
                [
                    new Alerts.Rules.RuleMatch
                    {
                        Rule = "state-of-emergency", Title = "State of emergency declared", Severity = Severity.Critical, Score = 1,
                        Snippets = [new Snippet("They declared a <i>state of emergency</i>.", [new Highlight(5, 8)])],
                    },
                ],
            },
        ],
    };

    [Fact]
    public async Task A_digest_email_is_html_encoded_and_carries_one_click_unsubscribe()
    {
        EmailMessage? sent = null;
        var sender = new Mock<IEmailSender>();
        sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Callback<EmailMessage, CancellationToken>((m, _) => sent = m).ReturnsAsync(DeliveryOutcome.Sent);
        var channel = new EmailChannel(new EmailTemplates(), Links().Object, sender.Object);

        var outcome = await channel.SendAsync(Subscriber, Digest("<script>alert(1)</script>\r\nBcc: x@example.org"), CancellationToken.None);

        Assert.Equal(DeliveryResult.Sent, outcome.Result);
        Assert.NotNull(sent);
        Assert.Equal("analyst@example.org", sent.To);
        Assert.Equal("dg_0123456789abcdef", sent.MessageId);
        Assert.DoesNotContain('\n', sent.Subject);
        Assert.DoesNotContain('\r', sent.Subject);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", sent.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", sent.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("Wire &amp; Co &lt;b&gt;", sent.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("They <mark>declared</mark> a &lt;i&gt;state of emergency&lt;/i&gt;.", sent.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://news.example.org/a?b=1&amp;c=2\"", sent.HtmlBody, StringComparison.Ordinal);
        Assert.Contains("They **declared** a <i>state of emergency</i>.", sent.TextBody, StringComparison.Ordinal);
        Assert.Contains(Unsubscribe.AbsoluteUri, sent.TextBody, StringComparison.Ordinal);
        Assert.Equal($"<{Unsubscribe.AbsoluteUri}>", sent.Headers["List-Unsubscribe"]);
        Assert.Equal("List-Unsubscribe=One-Click", sent.Headers["List-Unsubscribe-Post"]);
    }

    [Fact]
    public async Task A_sender_failure_is_reported_not_thrown()
    {
        var sender = new Mock<IEmailSender>();
        sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(DeliveryOutcome.Failed("SMTP relay down"));
        var channel = new EmailChannel(new EmailTemplates(), Links().Object, sender.Object);

        var outcome = await channel.SendAsync(Subscriber, Digest("Emergency"), CancellationToken.None);

        Assert.Equal(DeliveryResult.Failed, outcome.Result);
        Assert.Equal("SMTP relay down", outcome.Error);
    }

    [Fact]
    public async Task Onboarding_keeps_the_subscription_pending_and_sends_the_confirmation_link()
    {
        EmailMessage? sent = null;
        var sender = new Mock<IEmailSender>();
        sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>()))
            .Callback<EmailMessage, CancellationToken>((m, _) => sent = m).ReturnsAsync(DeliveryOutcome.Sent);
        var onboarding = new EmailOnboarding(new EmailTemplates(), Links().Object, sender.Object);

        var (prepared, error) = await onboarding.PrepareAsync(Subscriber with { SigningSecret = "whsec_x" }, CancellationToken.None);
        Assert.Null(error);
        Assert.Equal(SubscriptionStatus.Pending, prepared!.Status);
        Assert.Null(prepared.SigningSecret);
        Assert.Null(await onboarding.CompleteAsync(prepared, CancellationToken.None));

        Assert.Contains(Confirm.AbsoluteUri, sent!.TextBody, StringComparison.Ordinal);
        Assert.Contains("href=\"https://alerts.test/api/confirm?token=ghi.jkl\"", sent.HtmlBody, StringComparison.Ordinal);
        Assert.Empty(sent.Headers);
    }

    [Fact]
    public async Task Onboarding_reports_a_confirmation_email_that_could_not_be_sent()
    {
        var sender = new Mock<IEmailSender>();
        sender.Setup(s => s.SendAsync(It.IsAny<EmailMessage>(), It.IsAny<CancellationToken>())).ReturnsAsync(DeliveryOutcome.Failed("SMTP relay down"));
        var onboarding = new EmailOnboarding(new EmailTemplates(), Links().Object, sender.Object);

        Assert.Contains("could not be sent", await onboarding.CompleteAsync(Subscriber, CancellationToken.None), StringComparison.Ordinal);
    }
}
