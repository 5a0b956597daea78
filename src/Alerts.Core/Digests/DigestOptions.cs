using System.ComponentModel.DataAnnotations;
using System.Globalization;

namespace Alerts.Digests;

/// <summary>How digests are built and retried. Settings: <c>Alerts__Digests__*</c>.</summary>
public sealed class DigestOptions : IValidatableObject
{
    public const string SectionName = "Alerts:Digests";

    /// <summary>A window closes this long after its end, so matches written just before the end are in it, not lost.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SettleDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Articles listed in one digest; the rest are counted ("and N more").</summary>
    [Range(1, 500)]
    public int MaxArticles { get; set; } = 50;

    /// <summary>Waits before each retry of a failed send, comma-separated; after the last, the subscription is marked failing.</summary>
    [Required]
    public string RetrySchedule { get; set; } = "00:01:00,00:05:00,00:30:00,02:00:00,06:00:00";

    /// <summary>A send claimed by a run that then died is retried after this long (with the same digest id).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>Subscriptions handled at once by one digest run.</summary>
    [Range(1, 64)]
    public int Parallelism { get; set; } = 8;

    /// <summary>Subscriptions per message on the digest-batches queue: large enough to share reads, small enough to finish well within a claim.</summary>
    [Range(1, 500)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Rule-window match lists and analyses one batch keeps in memory, so subscribers of the same rules share the reads.</summary>
    [Range(0, 100_000)]
    public int BatchCacheEntries { get; set; } = 2_000;

    public IReadOnlyList<TimeSpan> RetryDelays => [.. RetrySchedule.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
        .Select(s => TimeSpan.Parse(s, CultureInfo.InvariantCulture))];

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        foreach (var part in RetrySchedule.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!TimeSpan.TryParse(part, CultureInfo.InvariantCulture, out var delay) || delay < TimeSpan.Zero)
            {
                yield return new ValidationResult($"'{part}' in {nameof(RetrySchedule)} is not a time span such as 00:05:00.", [nameof(RetrySchedule)]);
            }
        }
    }
}
