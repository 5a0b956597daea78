using System.Collections.Concurrent;
using Alerts.Entities;
using Azure.Core;
using Microsoft.Extensions.Logging;

namespace Alerts.Tests.Language;

/// <summary>A stand-in for the embedded extractor in unit tests: finds nothing, counts calls.</summary>
public sealed class StubEmbeddedExtractor : IEntityExtractor
{
    public int Calls { get; private set; }

    public Task<EntityExtraction> ExtractAsync(string text, string language, CancellationToken cancellationToken)
    {
        Calls++;
        return Task.FromResult(new EntityExtraction { Entities = [], Extractor = "embedded" });
    }
}

/// <summary>A token credential that hands out a fixed token and records the scopes asked for.</summary>
internal sealed class FakeTokenCredential(string token) : TokenCredential
{
    public ConcurrentQueue<string[]> Requests { get; } = new();

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        Requests.Enqueue(requestContext.Scopes);
        return new AccessToken(token, DateTimeOffset.UtcNow.AddHours(1));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}

/// <summary>Keeps what was logged.</summary>
internal sealed class ListLogger<T> : ILogger<T>
{
    public ConcurrentQueue<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Enqueue((logLevel, formatter(state, exception), exception));
}
