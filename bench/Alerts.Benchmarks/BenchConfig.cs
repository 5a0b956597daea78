using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace Alerts.Benchmarks;

/// <summary>
/// One short job run inside this process (BenchmarkDotNet's in-process emit toolchain: no per-benchmark project is
/// generated and built, which timed out on the shared machine), with small, fixed counts so the whole run stays
/// bounded: the slowest case, every one of 100,000 rules against each article, takes seconds per operation. Compare
/// the cases of one run as ratios; absolute times move with the machine's load.
/// </summary>
public sealed class BenchConfig : ManualConfig
{
    public BenchConfig()
    {
        AddJob(Job.Default
            .WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(20), logOutput: true))
            .WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(3).WithId("ShortInProcess"));
        AddColumn(new ArticlesPerSecondColumn());
        HideColumns(Column.Error, Column.StdDev);
        AddColumn(StatisticColumn.StdDev);
    }
}

/// <summary>Articles per second on one core: one operation is one article.</summary>
public sealed class ArticlesPerSecondColumn : IColumn
{
    public string Id => nameof(ArticlesPerSecondColumn);

    public string ColumnName => "Articles/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Articles per second on one core (1 / mean time per article)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (1e9 / mean.Value).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "-";
    }

    public bool IsAvailable(Summary summary) => true;

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
