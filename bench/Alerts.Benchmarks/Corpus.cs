using Alerts.Articles;
using Alerts.Entities;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Alerts.Benchmarks;

/// <summary>
/// The articles every benchmark runs over: the repo's <c>samples/</c> (one per format) and four wire stories of about
/// 5 kB written for the benchmarks (<c>articles/</c>), as raw bytes, parsed, and with their entities.
/// </summary>
public sealed class Corpus
{
    /// <summary>Number of articles; the benchmarks' <c>OperationsPerInvoke</c>.</summary>
    public const int Count = 8;

    private Corpus(IReadOnlyList<(string Name, byte[] Content)> files, IReadOnlyList<Article> articles, IReadOnlyList<IReadOnlyList<Entity>> entities)
    {
        Files = files;
        Articles = articles;
        Entities = entities;
    }

    public IReadOnlyList<(string Name, byte[] Content)> Files { get; }

    public IReadOnlyList<Article> Articles { get; }

    public IReadOnlyList<IReadOnlyList<Entity>> Entities { get; }

    public static Corpus Load()
    {
        var baseDir = AppContext.BaseDirectory;
        var files = Directory.EnumerateFiles(Path.Combine(baseDir, "samples"))
            .Concat(Directory.EnumerateFiles(Path.Combine(baseDir, "articles"), "*.txt"))
            .Order(StringComparer.Ordinal)
            .Select(path => (Path.GetFileName(path), File.ReadAllBytes(path)))
            .ToList();
        if (files.Count != Count)
        {
            throw new InvalidOperationException($"Expected {Count} articles next to the benchmarks, found {files.Count}.");
        }
        var articles = files.Select(f => ArticleParser.Parse(f.Item1, f.Item2)).ToList();
        var extractor = CreateExtractor();
        var entities = articles.Select(a => extractor.ExtractAsync(a.Body, a.Language, CancellationToken.None).GetAwaiter().GetResult().Entities).ToList();
        return new Corpus(files, articles, entities);
    }

    /// <summary>The offline extractor the pipeline uses by default (no Language endpoint configured).</summary>
    public static IEntityExtractor CreateExtractor()
    {
        var configuration = new ConfigurationBuilder().Build();
        var services = new ServiceCollection().AddLogging().AddAlertsAnalysis(configuration).BuildServiceProvider();
        return services.GetRequiredService<IEntityExtractor>();
    }
}
