using Azure.Core;
using Azure.Core.Pipeline;

namespace Alerts.Channels.Email;

/// <summary>
/// Azure.Core's retries for ACS Email, except that a throttled request (429) whose <c>Retry-After</c> is longer than
/// <see cref="MaxWaitInProcess"/> is not waited out in the pipeline: the sender reports it failed with that wait, and
/// the delivery ledger schedules the retry no earlier, instead of holding a batch's send (and its claim) for minutes.
/// </summary>
internal sealed class AcsRetryPolicy(int maxRetries) : RetryPolicy(maxRetries)
{
    public static readonly TimeSpan MaxWaitInProcess = TimeSpan.FromSeconds(10);

    protected override bool ShouldRetry(HttpMessage message, Exception? exception) => !TooLongToWait(message) && base.ShouldRetry(message, exception);

    protected override ValueTask<bool> ShouldRetryAsync(HttpMessage message, Exception? exception) =>
        TooLongToWait(message) ? ValueTask.FromResult(false) : base.ShouldRetryAsync(message, exception);

    private static bool TooLongToWait(HttpMessage message) =>
        message.HasResponse && message.Response.Status == 429
        && RetryAfter.Of(message.Response, DateTimeOffset.UtcNow) is { } wait && wait > MaxWaitInProcess;
}
