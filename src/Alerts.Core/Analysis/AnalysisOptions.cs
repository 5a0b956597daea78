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
}
