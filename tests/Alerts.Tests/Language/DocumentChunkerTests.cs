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

        // Counted in UTF-16 code units, the unit sent as stringIndexType: 2,560 emoji fill a document.
        Assert.Equal([5120, 5120, 1760], chunks.Select(c => c.Length));
        Assert.Equal(2560, chunks[0].TextElements);
        AssertCovers(body, chunks);
        Assert.All(chunks, c => Assert.False(char.IsLowSurrogate(c.Text[0]) || char.IsHighSurrogate(c.Text[^1])));
    }

    [Theory]
    [InlineData(5120, 1)]
    [InlineData(5121, 2)]
    public void The_limit_is_5120_utf16_code_units(int length, int documents)
    {
        var body = new string('a', length);

        var chunks = DocumentChunker.Split(body);

        Assert.Equal(documents, chunks.Count);
        AssertCovers(body, chunks);
    }

    // Texts with what UTF-16 counts differently from text elements: astral emoji, ZWJ sequences and flags (one
    // element, up to 11 code units), combining marks, and scripts whose letters combine (Devanagari, Thai, Arabic).
    public static TheoryData<string, string> Scripts => new()
    {
        { "emoji", "Floods reached Astana \U0001F30A\U0001F30A and people fled \U0001F3C3\u200D\u2640\uFE0F. " },
        { "zwj-family", "\U0001F468\u200D\U0001F469\u200D\U0001F467\u200D\U0001F466 families \U0001F1F0\U0001F1FF waited. " },
        { "combining", "Cafe\u0301 owners in Ko\u0308ln and Zu\u0308rich wrote to Semey. " },
        // Devanagari: "The river's water rose in the village." (written for this test)
        { "devanagari", "\u0917\u093E\u0901\u0935 \u092E\u0947\u0902 \u0928\u0926\u0940 \u0915\u093E \u092A\u093E\u0928\u0940 \u092C\u0922\u093C \u0917\u092F\u093E\u0964 \u0915\u094D\u0937\u0947\u0924\u094D\u0930 \u0938\u0941\u0930\u0915\u094D\u0937\u093F\u0924 \u0939\u0948\u0964 " },
        // Thai: "Water flooded the city" (written for this test), no spaces between words
        { "thai", "\u0E19\u0E49\u0E33\u0E17\u0E48\u0E27\u0E21\u0E40\u0E21\u0E37\u0E2D\u0E07\u0E43\u0E2B\u0E0D\u0E48 " },
        // Arabic with harakat: "The water rose in the city." (written for this test)
        { "arabic", "\u0627\u0631\u0652\u062A\u064E\u0641\u064E\u0639\u064E \u0627\u0644\u0645\u064E\u0627\u0621\u064F \u0641\u0650\u064A \u0627\u0644\u0645\u064E\u062F\u0650\u064A\u0646\u064E\u0629\u0650. " },
    };

    [Theory]
    [MemberData(nameof(Scripts))]
    public void Bodies_around_the_limit_in_any_script_stay_within_5120_code_units_and_are_cut_between_text_elements(string script, string sentence)
    {
        foreach (var target in new[] { 5_100, 5_119, 5_120, 5_121, 5_140, 10_240, 10_241, 23_000 })
        {
            var body = Repeat(sentence, target);

            var chunks = DocumentChunker.Split(body);

            AssertCovers(body, chunks);
            var boundaries = StringInfo.ParseCombiningCharacters(body).Append(body.Length).ToHashSet();
            Assert.All(chunks, c => Assert.True(boundaries.Contains(c.Offset) && boundaries.Contains(c.End), $"{script} at {target}: a cut inside a text element"));
            if (body.Trim().Length <= DocumentChunker.MaxDocumentLength)
            {
                Assert.Single(chunks);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Scripts))]
    public void A_run_without_spaces_or_sentence_ends_is_cut_between_text_elements(string script, string sentence)
    {
        var body = Repeat(string.Concat(sentence.Where(c => !char.IsWhiteSpace(c) && c is not ('.' or '\u0964'))), 12_000);

        var chunks = DocumentChunker.Split(body);

        AssertCovers(body, chunks);
        var boundaries = StringInfo.ParseCombiningCharacters(body).Append(body.Length).ToHashSet();
        Assert.All(chunks, c => Assert.True(boundaries.Contains(c.Offset) && boundaries.Contains(c.End), $"{script}: a cut inside a text element"));
        Assert.All(chunks.SkipLast(1), c => Assert.InRange(c.Length, DocumentChunker.MaxDocumentLength - 11, DocumentChunker.MaxDocumentLength));
    }

    [Fact]
    public void A_single_text_element_longer_than_a_document_is_cut_between_code_points()
    {
        // One base letter carrying 3,000 astral combining marks (U+1D167): one text element of 6,001 code units.
        var body = "a" + string.Concat(Enumerable.Repeat("\U0001D167", 3000));
        Assert.Equal(1, new StringInfo(body).LengthInTextElements);

        var chunks = DocumentChunker.Split(body);

        Assert.Equal(2, chunks.Count);
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, DocumentChunker.MaxDocumentLength));
        Assert.All(chunks, c => Assert.False(char.IsLowSurrogate(c.Text[0]) || char.IsHighSurrogate(c.Text[^1])));
        Assert.Equal(body, string.Concat(chunks.Select(c => c.Text)));
    }

    private static string Repeat(string sentence, int length)
    {
        var body = new StringBuilder();
        while (body.Length + sentence.Length <= length)
        {
            body.Append(sentence);
        }
        // Pad with plain letters to exactly the length asked for.
        return body.Append('x', length - body.Length).ToString();
    }

    [Fact]
    public void An_abbreviation_is_not_a_sentence_end()
    {
        // Two sentences whose only "." before a capital inside is an abbreviation: the cut must come after "closed."
        var first = "Officials said Mr. Tokayev " + string.Concat(Enumerable.Repeat("and the ministers met again ", 150)) + "closed.";
        var body = first + " " + string.Concat(Enumerable.Repeat("Rescuers worked all night. ", 60)).TrimEnd();

        var chunks = DocumentChunker.Split(body, maxLength: first.Length + 10);

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
        Assert.All(chunks, c => Assert.InRange(c.Length, 1, DocumentChunker.MaxDocumentLength));
        Assert.All(chunks.SkipLast(1), c => Assert.False(c.EndsMidSentence));
        var minimum = (int)Math.Ceiling(text.Length / 1000.0);
        Assert.InRange(chunks.Sum(c => c.TextRecords), minimum, (int)Math.Floor(minimum * 1.05));
    }

    /// <summary>
    /// The documents are the body in order, each where it says it is, with only whitespace between them, and each
    /// within 5,120 UTF-16 code units (so within the limit whatever unit the service counts in).
    /// </summary>
    private static void AssertCovers(string body, IReadOnlyList<DocumentChunk> chunks)
    {
        var position = 0;
        foreach (var chunk in chunks)
        {
            Assert.True(string.IsNullOrWhiteSpace(body[position..chunk.Offset]), $"text skipped before {chunk.Offset}");
            Assert.Equal(body.Substring(chunk.Offset, chunk.Text.Length), chunk.Text);
            Assert.Equal(new StringInfo(chunk.Text).LengthInTextElements, chunk.TextElements);
            Assert.InRange(chunk.Length, 1, DocumentChunker.MaxDocumentLength);
            Assert.InRange(chunk.TextElements, 1, chunk.Length);
            position = chunk.End;
        }
        Assert.True(string.IsNullOrWhiteSpace(body[position..]), "text skipped at the end");
    }
}
