using Alerts.Articles;
using Alerts.Entities;
using BenchmarkDotNet.Attributes;

namespace Alerts.Benchmarks;

/// <summary>Parsing an upload (bytes to article) and the embedded entity extraction, per article.</summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class PipelineBenchmarks
{
    private Corpus _corpus = null!;
    private IEntityExtractor _extractor = null!;

    [GlobalSetup]
    public void Setup()
    {
        _corpus = Corpus.Load();
        _extractor = Corpus.CreateExtractor();
    }

    [Benchmark(OperationsPerInvoke = Corpus.Count, Description = "Parse")]
    public int Parse()
    {
        var length = 0;
        foreach (var (name, content) in _corpus.Files)
        {
            length += ArticleParser.Parse(name, content).Body.Length;
        }
        return length;
    }

    [Benchmark(OperationsPerInvoke = Corpus.Count, Description = "Parse + extract")]
    public async Task<int> ParseAndExtract()
    {
        var count = 0;
        foreach (var (name, content) in _corpus.Files)
        {
            var article = ArticleParser.Parse(name, content);
            var extraction = await _extractor.ExtractAsync(article.Body, article.Language, CancellationToken.None).ConfigureAwait(false);
            count += extraction.Entities.Count;
        }
        return count;
    }
}
