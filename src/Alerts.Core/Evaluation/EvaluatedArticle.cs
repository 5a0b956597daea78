using Alerts.Entities;

namespace Alerts.Evaluation;

/// <summary>A labelled article and what the pipeline made of it: the rules that fired (with their sentences) and the entities.</summary>
public sealed record EvaluatedArticle(
    LabelledArticle Labels,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Fired,
    IReadOnlyList<Entity> Entities);
