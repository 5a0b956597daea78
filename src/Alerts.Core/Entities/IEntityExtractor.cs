namespace Alerts.Entities;

/// <summary>Finds named entities in article bodies.</summary>
public interface IEntityExtractor
{
    /// <summary>Extracts entities from one body. Offsets are UTF-16 code units into <paramref name="text"/>.</summary>
    Task<EntityExtraction> ExtractAsync(string text, string language, CancellationToken cancellationToken);

    /// <summary>Extracts entities from several bodies, letting an extractor batch its calls; results come back in input order.</summary>
    async Task<IReadOnlyList<EntityExtraction>> ExtractBatchAsync(IReadOnlyList<string> texts, string language, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(texts);
        var results = new EntityExtraction[texts.Count];
        for (var i = 0; i < texts.Count; i++)
        {
            results[i] = await ExtractAsync(texts[i], language, cancellationToken).ConfigureAwait(false);
        }
        return results;
    }
}
