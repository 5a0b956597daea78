using System.Text;

namespace Alerts.Articles;

/// <summary>
/// Turns upload bytes into text: a BOM wins (UTF-8, UTF-16 LE/BE, UTF-32 LE), then strict UTF-8,
/// then Windows-1252, the usual encoding of text saved by older Windows tools.
/// </summary>
public static class TextDecoder
{
    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private static readonly Lazy<Encoding> Windows1252 = new(() =>
    {
        Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
        return Encoding.GetEncoding(1252, EncoderFallback.ExceptionFallback, DecoderFallback.ReplacementFallback);
    });

    /// <summary>Decodes <paramref name="bytes"/>; <paramref name="encodingName"/> tells which encoding was used.</summary>
    /// <exception cref="ArticleParseException">The bytes are binary (an image, an archive, NUL bytes) rather than text.</exception>
    public static string Decode(ReadOnlySpan<byte> bytes, out string encodingName)
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            encodingName = "utf-8-bom";
            return DecodeStrict(StrictUtf8, bytes[3..], encodingName);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE, 0x00, 0x00]))
        {
            encodingName = "utf-32le";
            return DecodeStrict(new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), bytes[4..], encodingName);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            encodingName = "utf-16le";
            return DecodeStrict(new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), bytes[2..], encodingName);
        }
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            encodingName = "utf-16be";
            return DecodeStrict(new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), bytes[2..], encodingName);
        }

        if (BinarySignature(bytes) is { } kind)
        {
            throw new ArticleParseException(ArticleParseReasons.Binary, $"The upload is a {kind} file, not an article.");
        }
        if (bytes.Contains((byte)0))
        {
            // Text never holds NUL; UTF-16 without a BOM is the usual culprit, and guessing its byte order is unreliable.
            throw new ArticleParseException(ArticleParseReasons.Binary,
                "The upload contains NUL bytes: it is binary, or UTF-16 without a byte-order mark. Save it as UTF-8.");
        }

        if (ControlCharacterFlood(bytes))
        {
            throw new ArticleParseException(ArticleParseReasons.Binary,
                "The upload is mostly control characters: it is binary data or a terminal capture, not an article.");
        }

        try
        {
            encodingName = "utf-8";
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            encodingName = "windows-1252";
            return Windows1252.Value.GetString(bytes);
        }
    }

    private static string DecodeStrict(Encoding encoding, ReadOnlySpan<byte> bytes, string name)
    {
        try
        {
            return encoding.GetString(bytes);
        }
        catch (DecoderFallbackException ex)
        {
            throw new ArticleParseException(ArticleParseReasons.Encoding, $"The upload declares {name} with a byte-order mark but holds invalid {name} data.", ex);
        }
    }

    /// <summary>More than one byte in ten of the first 64 KB is a C0 control other than tab, line feed, form feed and carriage return.</summary>
    private static bool ControlCharacterFlood(ReadOnlySpan<byte> bytes)
    {
        var sample = bytes[..Math.Min(bytes.Length, 64 * 1024)];
        var controls = 0;
        foreach (var b in sample)
        {
            if (b is < 0x20 and not (0x09 or 0x0A or 0x0C or 0x0D) || b == 0x7F)
            {
                controls++;
            }
        }
        return controls * 10 > sample.Length;
    }

    private static string? BinarySignature(ReadOnlySpan<byte> b) => b switch
    {
        [0x89, (byte)'P', (byte)'N', (byte)'G', ..] => "PNG image",
        [0xFF, 0xD8, 0xFF, ..] => "JPEG image",
        [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "GIF image",
        [(byte)'P', (byte)'K', 0x03, 0x04, ..] => "ZIP archive (or an Office document)",
        [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..] => "PDF",
        [0x1F, 0x8B, ..] => "gzip archive",
        [0x7F, (byte)'E', (byte)'L', (byte)'F', ..] => "executable (ELF)",
        [(byte)'M', (byte)'Z', ..] when b.Length > 64 && b[..64].Contains((byte)0) => "Windows executable",
        _ => null,
    };
}
