using System.IO.Compression;
using UglyToad.PdfPig.Filters;
using UglyToad.PdfPig.Tokens;

namespace Alerts.Articles;

/// <summary>
/// PdfPig's stream filters behind a budget of decoded bytes for the whole document. A Flate stream is first inflated
/// into nothing, counting, so a stream bomb is refused before PdfPig allocates what it expands to.
/// </summary>
internal sealed class PdfDecodeBudget : IFilterProvider
{
    private readonly IFilterProvider inner = DefaultFilterProvider.Instance;
    private readonly long maxBytes;
    private long remaining;

    public PdfDecodeBudget(long maxBytes)
    {
        this.maxBytes = maxBytes;
        remaining = maxBytes;
    }

    public IReadOnlyList<IFilter> GetFilters(DictionaryToken dictionary) => Wrap(inner.GetFilters(dictionary));

    public IReadOnlyList<IFilter> GetNamedFilters(IReadOnlyList<NameToken> names) => Wrap(inner.GetNamedFilters(names));

    public IReadOnlyList<IFilter> GetAllFilters() => Wrap(inner.GetAllFilters());

    private List<IFilter> Wrap(IReadOnlyList<IFilter> filters) => [.. filters.Select(f => f is BoundedFilter ? f : new BoundedFilter(f, this))];

    private void Spend(long bytes)
    {
        remaining -= bytes;
        if (remaining < 0)
        {
            throw TooLarge();
        }
    }

    private ArticleParseException TooLarge() => new(ArticleParseReasons.DocumentTooLarge,
        $"The PDF's compressed streams expand to more than {maxBytes / (1024 * 1024):N0} MB: it is too large to read, or a decompression bomb.");

    /// <summary>Inflated size of a zlib stream, counting no further than the budget left.</summary>
    private long? MeasureFlate(Memory<byte> input)
    {
        if (input.Length < 2)
        {
            return null;
        }
        // PDF Flate data is zlib; skipping its two-byte header reads it as raw deflate, which also tolerates a bad checksum.
        var buffer = new byte[81920];
        long total = 0;
        try
        {
            using var deflate = new DeflateStream(new MemoryStream(input[2..].ToArray(), writable: false), CompressionMode.Decompress);
            int read;
            while ((read = deflate.Read(buffer)) > 0)
            {
                total += read;
                if (total > remaining)
                {
                    throw TooLarge();
                }
            }
        }
        catch (InvalidDataException)
        {
            // PdfPig decides what a broken stream means; only its size is measured here.
        }
        return total;
    }

    private sealed class BoundedFilter(IFilter inner, PdfDecodeBudget budget) : IFilter
    {
        public bool IsSupported => inner.IsSupported;

        public Memory<byte> Decode(Memory<byte> input, DictionaryToken streamDictionary, IFilterProvider filterProvider, int filterIndex)
        {
            if (inner is FlateFilter)
            {
                budget.MeasureFlate(input);
            }
            var output = inner.Decode(input, streamDictionary, filterProvider, filterIndex);
            budget.Spend(output.Length);
            return output;
        }
    }
}
