namespace Alerts.Articles;

/// <summary>
/// Bounds on reading a PDF or Word upload. The upload itself is at most a few megabytes, but what it unpacks to is not:
/// a compressed stream or ZIP entry can expand a thousandfold. These bounds keep one document to bounded time and memory.
/// </summary>
public static class DocumentLimits
{
    /// <summary>Pages a PDF may have; decrees and press releases run to a few dozen.</summary>
    public const int MaxPdfPages = 300;

    /// <summary>Bytes all of a PDF's streams (pages, fonts, object streams) may decode to, in total.</summary>
    public const long MaxPdfDecodedBytes = 128L * 1024 * 1024;

    /// <summary>Entries a Word document's ZIP may hold; a real one has a few dozen.</summary>
    public const int MaxZipEntries = 1_000;

    /// <summary>Bytes a Word document's ZIP entries may unpack to, in total (by their headers, then as actually read).</summary>
    public const long MaxUnpackedBytes = 64L * 1024 * 1024;

    /// <summary>How much an entry may expand. Word XML packs at 5-20 to 1; a zip bomb at hundreds to thousands.</summary>
    public const int MaxCompressionRatio = 100;

    /// <summary>Entries smaller than this are not held to <see cref="MaxCompressionRatio"/>: a small, repetitive part can pack tightly and harms nothing.</summary>
    public const long RatioCheckFloor = 1024 * 1024;

    /// <summary>Characters of text a document may yield: far more than any article, far less than memory.</summary>
    public const int MaxTextLength = 2_000_000;

    /// <summary>Letters one PDF page may hold; a dense page of small type has about 10,000. Layout analysis grows faster than the page.</summary>
    public const int MaxLettersPerPage = 60_000;

    /// <summary>Text blocks a PDF page may have before reading order is taken from position instead of detected (detection grows with the square).</summary>
    public const int MaxBlocksForReadingOrder = 400;

    /// <summary>Wall-clock time for reading one document.</summary>
    public static readonly TimeSpan MaxReadTime = TimeSpan.FromSeconds(30);
}
