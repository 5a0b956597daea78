using Alerts.Entities;

namespace Alerts.Language;

/// <summary>
/// Joins what the service found in the pieces of one body: drops duplicates and, where a piece was cut in the
/// middle of a sentence, merges an entity that ends at the cut with one of the same category that starts right after it
/// (a name the cut split in two).
/// </summary>
internal static class EntitySeams
{
    public static List<Entity> Merge(string body, IReadOnlyList<Entity> entities, IReadOnlyList<DocumentChunk> chunks)
    {
        var sorted = entities
            .OrderBy(e => e.Offset)
            .ThenByDescending(e => e.Length)
            .ThenByDescending(e => e.Confidence)
            .ToList();

        var merged = new List<Entity>(sorted.Count);
        foreach (var entity in sorted)
        {
            var duplicate = merged.FindIndex(m => m.Offset == entity.Offset && m.Length == entity.Length
                && string.Equals(m.Category, entity.Category, StringComparison.Ordinal)
                && string.Equals(m.Subcategory, entity.Subcategory, StringComparison.Ordinal));
            if (duplicate >= 0)
            {
                continue; // sorted by confidence, the kept one is the surer
            }
            merged.Add(entity);
        }

        for (var c = 0; c < chunks.Count - 1; c++)
        {
            if (!chunks[c].EndsMidSentence)
            {
                continue;
            }
            var seamEnd = chunks[c].End;
            var nextStart = chunks[c + 1].Offset;
            var left = merged.FindLastIndex(e => e.Offset + e.Length == seamEnd);
            var right = merged.FindIndex(e => e.Offset == nextStart);
            if (left < 0 || right < 0 || !string.Equals(merged[left].Category, merged[right].Category, StringComparison.Ordinal))
            {
                continue;
            }
            var a = merged[left];
            var b = merged[right];
            var length = b.Offset + b.Length - a.Offset;
            merged[left] = new Entity(body.Substring(a.Offset, length), a.Category, a.Subcategory ?? b.Subcategory, a.Offset, length,
                Math.Min(a.Confidence, b.Confidence));
            merged.RemoveAt(right);
        }
        return merged;
    }
}
