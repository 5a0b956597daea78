using Alerts.Articles;

namespace Alerts.Analysis;

/// <summary>
/// The time one article may take to be read and analysed. Each step gets <see cref="Token"/>, cancelled when the time is
/// up, and checks it in its loops; a step that does not (a parser or regular expression stuck inside a library) is
/// left behind a moment later, so the upload is recorded <see cref="ArticleParseReasons.TooComplex"/> and the pipeline
/// goes on either way.
/// </summary>
internal sealed class AnalysisBudget : IDisposable
{
    /// <summary>How long a step may keep running after its token is cancelled before it is left behind.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    private readonly TimeSpan _limit;
    private readonly TimeProvider _time;
    private readonly DateTimeOffset _deadline;
    private readonly CancellationToken _outer;
    private readonly CancellationTokenSource _timer;
    private readonly CancellationTokenSource _linked;

    public AnalysisBudget(TimeSpan limit, TimeProvider time, CancellationToken outer)
    {
        _limit = limit;
        _time = time;
        _deadline = time.GetUtcNow() + limit;
        _outer = outer;
        _timer = new CancellationTokenSource(limit, time);
        _linked = CancellationTokenSource.CreateLinkedTokenSource(outer, _timer.Token);
    }

    public CancellationToken Token => _linked.Token;

    /// <summary>Runs a synchronous step (parsing) on a pool thread within the budget.</summary>
    public Task<T> Run<T>(Func<CancellationToken, T> step) => RunAsync(token => Task.FromResult(step(token)));

    /// <summary>Runs a step within the budget.</summary>
    /// <exception cref="ArticleParseException">The time is up (<see cref="ArticleParseReasons.TooComplex"/>).</exception>
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<T>> step)
    {
        // On a pool thread, so a step that never yields cannot hold the caller past the limit.
        var task = Task.Run(() => step(Token), Token);
        var left = _deadline + Grace - _time.GetUtcNow();
        try
        {
            return await task.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, _time, _outer).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Left behind: whatever it throws later is observed here, not on the finalizer thread.
            _ = task.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            throw Exceeded();
        }
        catch (OperationCanceledException) when (_timer.IsCancellationRequested && !_outer.IsCancellationRequested)
        {
            throw Exceeded();
        }
    }

    private ArticleParseException Exceeded() => new(ArticleParseReasons.TooComplex,
        $"Reading and analysing the article took longer than {_limit.TotalSeconds:0.#} s and was stopped; the article is too complex to analyse (setting Alerts__Analysis__TimeLimit).");

    public void Dispose()
    {
        _linked.Dispose();
        _timer.Dispose();
    }
}
