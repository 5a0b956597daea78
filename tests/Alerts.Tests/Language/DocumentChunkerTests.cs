using System.Globalization;
using System.Text;
using Alerts.Language;

namespace Alerts.Tests.Language;

public class DocumentChunkerTests
{
    [Fact]
    public void The_5144_character_story_is_two_documents_at_a_sentence_end_costing_six_records()
    {
        var body = Story.KazakhstanFloods;
        Assert.Equal(5144, body.Length);

        var chunks = DocumentChunker.Split(body);

        Assert.Equal(2, chunks.Count);
        AssertCovers(body, chunks);
        Assert.Contains(chunks[0].Text[^1], ".!?\"");
        Assert.False(chunks[0].EndsMidSentence);
        Assert.Equal(6, chunks.Sum(c => c.TextRecords)); // ceil(5,144 / 1,000): nothing wasted at the seam
    }

    [Fact]
    public void A_short_body_is_one_document_without_surrounding_whitespace()
    {
        var chunks = DocumentChunker.Split("  \nAstana declared an emergency.\n\n");

        var chunk = Assert.Single(chunks);
        Assert.Equal(3, chunk.Offset);
        Assert.Equal("Astana declared an emergency.", chunk.Text);
        Assert.Equal(1, chunk.TextRecords);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" \n\t ")]
    public void An_empty_body_is_no_documents(string body) => Assert.Empty(DocumentChunker.Split(body));

    [Fact]
    public void A_sentence_longer_than_a_document_is_cut_between_words()
    {
        var body = string.Concat(Enumerable.Repeat("flood water rising ", 700)).TrimEnd(); // 13,299 characters, no sentence end

        var chunks = DocumentChunker.Split(body);

        Assert.Equal(3, chunks.Count);
        AssertCovers(body, chunks);
        foreach (var chunk in chunks.SkipLast(1))
        {
            Assert.True(chunk.EndsMidSentence);
            Assert.True(char.IsWhiteSpace(body[chunk.End]), "cut inside a word");
        }
    }

    [Fact]
    public void A_word_longer_than_a_document_is_cut_between_text_elements_never_inside_a_surrogate_pair()
    {
        var body = string.Concat(Enumerable.Repeat("\U0001F30A", 6000)); // 6,000 text elements, 12,000 UTF-16 code units

        var chunks = DocumentChunker.Split(body);

        Assert.Equal(2, chunks.Count);
        AssertCovers(body, chunks);
        Assert.Equal(5120, chunks[0].TextElements);
        Assert.Equal(10240, chunks[0].Text.Length);
        Assert.All(chunks, c => Assert.False(char.IsLowSurrogate(c.Text[0]) || char.IsHighSurrogate(c.Text[^1])));
    }

    [Fact]
    public void An_abbreviation_is_not_a_sentence_end()
    {
        // Two sentences whose only "." before a capital inside is an abbreviation: the cut must come after "closed."
        var first = "Officials said Mr. Tokayev " + string.Concat(Enumerable.Repeat("and the ministers met again ", 150)) + "closed.";
        var body = first + " " + string.Concat(Enumerable.Repeat("Rescuers worked all night. ", 60)).TrimEnd();

        var chunks = DocumentChunker.Split(body, maxTextElements: first.Length + 10);

        Assert.Equal(first, chunks[0].Text);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    [InlineData(5)]
    public void Documents_stay_within_the_limit_and_cost_within_five_percent_of_the_minimum(int seed)
    {
        var random = new Random(seed);
        var words = Story.KazakhstanFloods.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var body = new StringBuilder();
        var target = random.Next(5_000, 60_000);
        while (body.Length < target)
        {
            var sentenceWords = random.Next(4, 40);
            var start = random.Next(words.Length - sentenceWords);
            body.Append(string.Join(' ', words, start, sentenceWords).TrimEnd('.', '"')).Append(". ");
            if (random.Next(6) == 0)
            {
                body.Append("\n\n");
            }
        }
        var text = body.ToString().TrimEnd();

        var chunks = DocumentChunker.Split(text);

        AssertCovers(text, chunks);
        Assert.All(chunks, c => Assert.InRange(c.TextElements, 1, DocumentChunker.MaxTextElements));
        Assert.All(chunks.SkipLast(1), c => Assert.False(c.EndsMidSentence));
        var minimum = (int)Math.Ceiling(text.Length / 1000.0);
        Assert.InRange(chunks.Sum(c => c.TextRecords), minimum, (int)Math.Floor(minimum * 1.05));
    }

    /// <summary>The documents are the body in order, each where it says it is, with only whitespace between them.</summary>
    private static void AssertCovers(string body, IReadOnlyList<DocumentChunk> chunks)
    {
        var position = 0;
        foreach (var chunk in chunks)
        {
            Assert.True(string.IsNullOrWhiteSpace(body[position..chunk.Offset]), $"text skipped before {chunk.Offset}");
            Assert.Equal(body.Substring(chunk.Offset, chunk.Text.Length), chunk.Text);
            Assert.Equal(new StringInfo(chunk.Text).LengthInTextElements, chunk.TextElements);
            Assert.InRange(chunk.TextElements, 1, DocumentChunker.MaxTextElements);
            position = chunk.End;
        }
        Assert.True(string.IsNullOrWhiteSpace(body[position..]), "text skipped at the end");
    }
}
