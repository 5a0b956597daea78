namespace Alerts.Language;

/// <summary>
/// A piece of a body sent to Azure AI Language as one document.
/// </summary>
/// <param name="Offset">Where <paramref name="Text"/> starts in the body, in UTF-16 code units.</param>
/// <param name="Text">The piece, without leading or trailing whitespace.</param>
/// <param name="TextElements">Its length in text elements (grapheme clusters), the characters text records are counted in.</param>
/// <param name="EndsMidSentence">The cut after it is not at a sentence or paragraph end (a sentence longer than a document).</param>
public sealed record DocumentChunk(int Offset, string Text, int TextElements, bool EndsMidSentence)
{
    /// <summary>The billable text records the piece costs: one per started 1,000 characters.</summary>
    public int TextRecords => (TextElements + DocumentChunker.TextRecordSize - 1) / DocumentChunker.TextRecordSize;

    /// <summary>Its length in UTF-16 code units, the unit of the document limit and of the offsets the service returns.</summary>
    public int Length => Text.Length;

    /// <summary>The end of the piece in the body (exclusive), in UTF-16 code units.</summary>
    public int End => Offset + Text.Length;
}
