using Alerts.Channels.Chat;
using Alerts.Channels.Webhooks;
using Alerts.Delivery;

namespace Alerts.Tests.Channels;

/// <summary>
/// What Slack's and Teams' answers mean: the documented answers for a webhook, channel or workspace that is gone pause
/// the subscription, a refused message fails without retries, rate limits and server errors are retried; the recorded
/// reason carries at most the platform's short error code from the body.
/// </summary>
public sealed class ChatAnswersTests
{
    private static WebhookResponse Answer(int status, string? body = null, TimeSpan? retryAfter = null) =>
        new() { StatusCode = status, Body = body, RetryAfter = retryAfter };

    [Theory]
    [InlineData(404, "no_service")]
    [InlineData(404, "channel_not_found")]
    [InlineData(404, "no_team")]
    [InlineData(410, "channel_is_archived")]
    [InlineData(403, "invalid_token")]
    [InlineData(403, "action_prohibited")]
    [InlineData(403, "team_disabled")]
    [InlineData(403, "posting_to_general_channel_denied")]
    [InlineData(400, "no_service_id")]
    public void Slack_codes_for_a_gone_webhook_channel_or_workspace_pause_the_subscription(int status, string code)
    {
        var answer = SlackAnswers.Read(Answer(status, code + "\n"));

        Assert.Equal(ChatAnswerKind.Gone, answer.Kind);
        Assert.Equal(code, answer.ErrorCode);
        Assert.StartsWith($"Slack answered HTTP {status} ", answer.Reason, StringComparison.Ordinal);
        Assert.Contains($" {code}: ", answer.Reason, StringComparison.Ordinal);
        var outcome = answer.ToOutcome();
        Assert.Equal(DeliveryResult.Gone, outcome.Result);
        Assert.Equal(answer.Reason, outcome.Error);
    }

    [Fact]
    public void Slack_no_service_says_the_webhook_was_not_found()
    {
        Assert.Equal("Slack answered HTTP 404 Not Found no_service: the incoming webhook was not found: it was removed or disabled, or the URL is wrong.",
            SlackAnswers.Read(Answer(404, "no_service")).Reason);
    }

    [Theory]
    [InlineData(400, "invalid_payload")]
    [InlineData(400, "no_text")]
    [InlineData(400, "invalid_blocks")]
    [InlineData(400, "too_many_attachments")]
    [InlineData(400, "user_not_found")]
    [InlineData(413, null)]
    public void A_message_slack_refuses_as_malformed_fails_without_retries(int status, string? code)
    {
        var answer = SlackAnswers.Read(Answer(status, code));

        Assert.Equal(ChatAnswerKind.Rejected, answer.Kind);
        var outcome = answer.ToOutcome();
        Assert.Equal(DeliveryResult.Failed, outcome.Result);
        Assert.False(outcome.Retryable);
        Assert.Contains("refused the message", outcome.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(429, "rate_limited")]
    [InlineData(500, "rollup_error")]
    [InlineData(503, null)]
    [InlineData(401, null)]
    [InlineData(403, "something_new")]
    public void Rate_limits_server_errors_and_unknown_refusals_are_retried(int status, string? code)
    {
        var outcome = SlackAnswers.Read(Answer(status, code, retryAfter: TimeSpan.FromSeconds(30))).ToOutcome();

        Assert.Equal(DeliveryResult.Failed, outcome.Result);
        Assert.True(outcome.Retryable);
        Assert.Equal(TimeSpan.FromSeconds(30), outcome.RetryAfter);
    }

    [Fact]
    public void A_500_carrying_a_gone_code_is_still_retried()
    {
        Assert.Equal(ChatAnswerKind.Retry, SlackAnswers.Read(Answer(500, "no_service")).Kind);
        Assert.Equal(ChatAnswerKind.Retry, TeamsAnswers.Read(Answer(502, "{\"error\":{\"code\":\"WorkflowNotFound\"}}")).Kind);
    }

    [Theory]
    [InlineData(404, "{\"error\":{\"code\":\"WorkflowNotFound\",\"message\":\"The workflow 'x' could not be found.\"}}", "WorkflowNotFound")]
    [InlineData(404, "{\"error\":{\"code\":\"WorkflowTriggerVersionNotFound\"}}", "WorkflowTriggerVersionNotFound")]
    [InlineData(400, "{\"error\":{\"code\":\"WorkflowTriggerIsNotEnabled\",\"message\":\"Could not execute workflow 'x' trigger 'manual' with state 'Disabled': trigger is not enabled.\"}}", "WorkflowTriggerIsNotEnabled")]
    [InlineData(404, "", null)]
    [InlineData(410, "Gone", null)]
    public void Teams_answers_for_a_deleted_or_disabled_workflow_pause_the_subscription(int status, string body, string? code)
    {
        var answer = TeamsAnswers.Read(Answer(status, body));

        Assert.Equal(ChatAnswerKind.Gone, answer.Kind);
        Assert.Equal(code, answer.ErrorCode);
        Assert.StartsWith($"Teams answered HTTP {status} ", answer.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("Could not execute", answer.Reason, StringComparison.Ordinal); // the code, never the message
    }

    [Fact]
    public void Teams_refusing_the_card_fails_without_retries_and_names_its_code()
    {
        var answer = TeamsAnswers.Read(Answer(400, "{\"error\":{\"code\":\"InvalidRequestContent\",\"message\":\"The input body for trigger 'manual' of type 'Request' did not match its schema.\"}}"));

        Assert.Equal(ChatAnswerKind.Rejected, answer.Kind);
        Assert.Equal("Teams answered HTTP 400 Bad Request InvalidRequestContent: Teams refused the message; it is not retried.", answer.Reason);
    }

    [Theory]
    [InlineData(429, 202)]
    [InlineData(500, 202)]
    [InlineData(503, 202)]
    public void Teams_rate_limits_and_server_errors_are_retried_and_2xx_is_delivered(int failing, int ok)
    {
        Assert.Equal(ChatAnswerKind.Retry, TeamsAnswers.Read(Answer(failing, "{\"error\":{\"code\":\"TooManyRequests\"}}")).Kind);
        Assert.Equal(ChatAnswerKind.Delivered, TeamsAnswers.Read(Answer(ok)).Kind);
        Assert.Equal(ChatAnswerKind.Delivered, SlackAnswers.Read(Answer(200, "ok")).Kind);
    }

    public static TheoryData<string> HostileBodies =>
    [
        "<html><body><h1>no_service</h1><script>alert(1)</script></body></html>",
        "no_service\r\nSet-Cookie: x=1\r\n\r\n<b>owned</b>",
        new string('a', 1024 * 1024),
        "no service",
        "{\"error\":{\"code\":\"<img src=x onerror=alert(1)>\"}}",
        "{\"error\":{\"code\":\"" + new string('W', 10_000) + "\"}}",
        new string('[', 5000),
        "https://hooks.slack.com/services/T0001/B0001/SECRETSECRET",
    ];

    [Theory]
    [MemberData(nameof(HostileBodies))]
    public void A_hostile_body_never_reaches_the_reason(string body)
    {
        foreach (var read in new Func<WebhookResponse, ChatAnswer>[] { SlackAnswers.Read, TeamsAnswers.Read })
        {
            foreach (var status in new[] { 400, 403, 404, 410, 500 })
            {
                var answer = read(Answer(status, body));

                Assert.Null(answer.ErrorCode);
                Assert.True(answer.Reason.Length <= 200, answer.Reason);
                Assert.DoesNotContain("<", answer.Reason, StringComparison.Ordinal);
                Assert.DoesNotContain("://", answer.Reason, StringComparison.Ordinal);
                Assert.DoesNotContain("SECRET", answer.Reason, StringComparison.Ordinal);
                Assert.DoesNotContain("xxxx", answer.Reason, StringComparison.Ordinal);
                Assert.All(answer.Reason, c => Assert.False(char.IsControl(c)));
            }
        }
    }

    [Theory]
    [InlineData("no_service", "no_service")]
    [InlineData("  channel_is_archived\n", "channel_is_archived")]
    [InlineData("WorkflowTriggerIsNotEnabled", "WorkflowTriggerIsNotEnabled")]
    [InlineData("", null)]
    [InlineData(null, null)]
    [InlineData("no-service", null)]
    [InlineData("error: no_service", null)]
    public void Only_what_looks_like_a_code_is_taken_from_a_body(string? body, string? code)
    {
        Assert.Equal(code, ChatAnswer.ErrorCodeOf(body));
    }

    [Fact]
    public void The_description_uses_the_standard_phrase_not_the_receivers()
    {
        Assert.Equal("HTTP 429 Too Many Requests", Answer(429).Describe());
        Assert.Equal("HTTP 500 Internal Server Error", Answer(500).Describe());
        Assert.Equal("HTTP 302: redirects are not followed", Answer(302).Describe());
        Assert.Equal("HTTP 599", Answer(599).Describe());
        Assert.Equal("No answer within 15 s.", new WebhookResponse { Error = "No answer within 15 s." }.Describe());
    }
}
