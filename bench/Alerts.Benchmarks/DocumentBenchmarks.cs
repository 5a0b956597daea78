using Alerts.Articles;
using Alerts.Testing;
using BenchmarkDotNet.Attributes;

namespace Alerts.Benchmarks;

/// <summary>
/// PDF and Word uploads, per document: the two-page generated decree read as PDF (layout analysis) and as Word, and the
/// time and memory it takes to refuse a stream bomb and a zip bomb.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(BenchConfig))]
public class DocumentBenchmarks
{
    private byte[] _pdf = null!;
    private byte[] _docx = null!;
    private byte[] _pdfBomb = null!;
    private byte[] _docxBomb = null!;

    [GlobalSetup]
    public void Setup()
    {
        _pdf = TestDocuments.DecreePdf("bench");
        _docx = TestDocuments.DecreeDocx("bench");
        _pdfBomb = TestDocuments.PdfStreamBomb(DocumentLimits.MaxPdfDecodedBytes + (16 * 1024 * 1024));
        _docxBomb = TestDocuments.DocxBomb(20 * 1024 * 1024);
    }

    [Benchmark(Description = "Parse decree PDF")]
    public int ParsePdf() => ArticleParser.Parse("decree.pdf", _pdf).Body.Length;

    [Benchmark(Description = "Parse decree DOCX")]
    public int ParseDocx() => ArticleParser.Parse("decree.docx", _docx).Body.Length;

    [Benchmark(Description = "Refuse PDF stream bomb (144 MB)")]
    public string RefusePdfBomb() => Refuse("bomb.pdf", _pdfBomb);

    [Benchmark(Description = "Refuse DOCX zip bomb (20 MB)")]
    public string RefuseDocxBomb() => Refuse("bomb.docx", _docxBomb);

    private static string Refuse(string name, byte[] content)
    {
        try
        {
            ArticleParser.Parse(name, content);
            throw new InvalidOperationException("The bomb was read.");
        }
        catch (ArticleParseException ex)
        {
            return ex.Reason;
        }
    }
}
