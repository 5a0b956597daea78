using Alerts.Entities;
using Azure;
using Azure.Identity;
using Microsoft.Extensions.Logging;

namespace Alerts.Language;

/// <summary>
/// Uses a primary extractor (Azure AI Language) and, when the service fails after the client's retries
/// (an error response, a transport failure, a timeout, no token), the fallback (the embedded extractor), marking the
/// result <c>"{fallback} (fallback)"</c> with a warning. A cancellation the caller asked for is not a failure.
/// Only passing failures fall back (429, 5xx, timeouts, transport); 400, 401, 403 and 404 are configuration errors,
/// raised as <see cref="LanguageConfigurationException"/> so they are fixed rather than hidden.
/// </summary>
public sealed partial class FallbackEntityExtractor : IEntityExtractor
{
    public const string FallbackSuffix = " (fallback)";

    private readonly IEntityExtractor _primary;
    private readonly IEntityExtractor _fallback;
    private readonly ILogger _logger;
    private readonly LanguageMetrics? _metrics;
    private readonly LanguageHealth? _health;
    private readonly Uri? _endpoint;

    public FallbackEntityExtractor(
        IEntityExtractor primary,
        IEntityExtractor fallback,
        ILogger<FallbackEntityExtractor> logger,
        LanguageMetrics? metrics = null,
        LanguageHealth? health = null,
        Uri? endpoint = null)
    {
        _metrics = metrics;
        _health = health;
        _endpoint = endpoint;
        ArgumentNullException.ThrowIfNull(primary);
        ArgumentNullException.ThrowIfNull(fallback);
        ArgumentNullException.ThrowIfNull(logger);
        _primary = primary;
        _fallback = fallback;
        _logger = logger;
    }

    public async Task<EntityExtraction> ExtractAsync(string text, string language, CancellationToken cancellationToken)
    {
        try
        {
            var result = await _primary.ExtractAsync(text, language, cancellationToken).ConfigureAwait(false);
            _health?.Succeeded();
            return result;
        }
        catch (RequestFailedException failure) when (LanguageConfigurationException.IsConfigurationStatus(failure.Status))
        {
            throw ConfigurationError(failure);
        }
        catch (Exception exception) when (IsServiceFailure(exception, cancellationToken))
        {
            var warning = Warn(exception, 1);
            var result = await _fallback.ExtractAsync(text, language, cancellationToken).ConfigureAwait(false);
            return MarkFallback(result, warning);
        }
    }

    public async Task<IReadOnlyList<EntityExtraction>> ExtractBatchAsync(IReadOnlyList<string> texts, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        try
        {
            var results = await _primary.ExtractBatchAsync(texts, language, cancellationToken).ConfigureAwait(false);
            _health?.Succeeded();
            return results;
        }
        catch (RequestFailedException failure) when (LanguageConfigurationException.IsConfigurationStatus(failure.Status))
        {
            throw ConfigurationError(failure);
        }
        catch (Exception exception) when (IsServiceFailure(exception, cancellationToken))
        {
            var warning = Warn(exception, texts.Count);
            var results = await _fallback.ExtractBatchAsync(texts, language, cancellationToken).ConfigureAwait(false);
            return [.. results.Select(r => MarkFallback(r, warning))];
        }
    }

    private LanguageConfigurationException ConfigurationError(RequestFailedException failure)
    {
        var error = LanguageConfigurationException.From(failure, _endpoint);
        _metrics?.AddConfigError(failure.Status);
        _health?.Failed(error.Message, failure.Status);
        LogConfigurationError(failure.Status, error.Message);
        return error;
    }

    private static EntityExtraction MarkFallback(EntityExtraction result, string warning) => result with
    {
        Extractor = result.Extractor + FallbackSuffix,
        Warnings = [.. result.Warnings, warning],
    };

    private string Warn(Exception exception, int articles)
    {
        var reason = (exception is AggregateException { InnerExceptions.Count: > 0 } all ? all.InnerExceptions[^1] : exception) switch
        {
            RequestFailedException { Status: > 0 } failed => $"HTTP {failed.Status}" + (failed.ErrorCode is { Length: > 0 } code ? $" {code}" : ""),
            RequestFailedException => "no response",
            AuthenticationFailedException => "no access token",
            OperationCanceledException or TimeoutException => "timed out",
            _ => exception.GetType().Name,
        };
        LogFallback(exception, reason, articles);
        _metrics?.AddFallbacks(articles, reason);
        return $"Azure AI Language failed ({reason}); entities come from the fallback extractor.";
    }

    private static bool IsServiceFailure(Exception exception, CancellationToken cancellationToken) => exception switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested,
        RequestFailedException or HttpRequestException or TimeoutException or AuthenticationFailedException => true,
        // Azure.Core's retry policy throws this when every try failed without a response (a hanging or unreachable service).
        AggregateException all => all.InnerExceptions.Count > 0 && all.InnerExceptions.All(e => IsServiceFailure(e, cancellationToken)),
        _ => false,
    };

    [LoggerMessage(Level = LogLevel.Error, Message = "Azure AI Language configuration error (HTTP {Status}): {Problem}")]
    private partial void LogConfigurationError(int status, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Azure AI Language failed after retries ({Reason}); using the fallback extractor for {Articles} article(s)")]
    private partial void LogFallback(Exception exception, string reason, int articles);
}
