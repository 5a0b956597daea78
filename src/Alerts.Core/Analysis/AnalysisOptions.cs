using System.ComponentModel.DataAnnotations;

namespace Alerts.Analysis;

/// <summary>Limits on what the analysis accepts. Settings: <c>Alerts__Analysis__*</c>.</summary>
public sealed class AnalysisOptions
{
    public const string SectionName = "Alerts:Analysis";

    /// <summary>Uploads larger than this are refused with a recorded error instead of being parsed.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxArticleBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>The language assumed for bodies that do not say (ISO 639-1).</summary>
    [Required, RegularExpression("^[a-z]{2}(-[A-Za-z]{2,4})?$")]
    public string DefaultLanguage { get; set; } = "en";

    /// <summary>
    /// How long reading and analysing one article may take (parsing, entities, rules); past it the upload is recorded
    /// failed with reason <c>too-complex</c> and the next one is analysed. Ordinary articles take well under a second.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:10:00")]
    public TimeSpan TimeLimit { get; set; } = TimeSpan.FromSeconds(30);
}
