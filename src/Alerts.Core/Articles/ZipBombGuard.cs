using System.IO.Compression;

namespace Alerts.Articles;

/// <summary>
/// Checks a Word document's ZIP before the Open XML SDK unpacks any of it: the entry count and the sizes the headers
/// declare (total and ratio), then every entry read once through a counter, since a header can lie about its size.
/// </summary>
internal static class ZipBombGuard
{
    public static void Check(byte[] zipBytes)
    {
        try
        {
            using var zip = new ZipArchive(new MemoryStream(zipBytes, writable: false), ZipArchiveMode.Read);
            var entries = zip.Entries;
            if (entries.Count > DocumentLimits.MaxZipEntries)
            {
                throw TooLarge($"The Word document holds {entries.Count:N0} ZIP entries; a real one has a few dozen, and over {DocumentLimits.MaxZipEntries:N0} are not read.");
            }
            var declared = entries.Sum(e => e.Length);
            if (declared > DocumentLimits.MaxUnpackedBytes)
            {
                throw TooLarge($"The Word document unpacks to {declared:N0} bytes; documents over {DocumentLimits.MaxUnpackedBytes:N0} bytes unpacked are not read.");
            }
            foreach (var entry in entries)
            {
                if (entry.Length > DocumentLimits.RatioCheckFloor && entry.Length > (long)DocumentLimits.MaxCompressionRatio * Math.Max(1, entry.CompressedLength))
                {
                    throw TooLarge($"A part of the Word document expands {entry.Length / Math.Max(1, entry.CompressedLength):N0} times over ({entry.CompressedLength:N0} to {entry.Length:N0} bytes): a zip bomb, not a document.");
                }
            }

            var buffer = new byte[81920];
            long total = 0;
            foreach (var entry in entries)
            {
                using var stream = entry.Open();
                long size = 0;
                int read;
                while ((read = stream.Read(buffer)) > 0)
                {
                    size += read;
                    total += read;
                    if (size > entry.Length || total > DocumentLimits.MaxUnpackedBytes)
                    {
                        throw TooLarge("A part of the Word document unpacks to more than its ZIP header declares: a zip bomb, not a document.");
                    }
                }
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or NotSupportedException)
        {
            throw new ArticleParseException(ArticleParseReasons.MalformedDocument,
                "The Word document's ZIP package cannot be read: it is truncated or corrupt.", ex);
        }
    }

    private static ArticleParseException TooLarge(string message) => new(ArticleParseReasons.DocumentTooLarge, message);
}
