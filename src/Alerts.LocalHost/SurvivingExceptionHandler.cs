using System.Runtime.ExceptionServices;
using Microsoft.Azure.WebJobs.Host.Timers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Alerts.LocalHost;

/// <summary>
/// Where the WebJobs SDK sends an exception its trigger machinery did not handle (such as the blob trigger's receipt
/// blob gone after storage lost writes). The SDK's default rethrows it on a new thread, which ends the process and the
/// API with it; here it is logged and the process goes on. The listener that threw stops, so uploads it would have
/// found are left to the <c>article-uploads</c> queue trigger and <see cref="UploadReconciler"/>.
/// </summary>
public sealed partial class SurvivingExceptionHandler(ILogger<SurvivingExceptionHandler> logger) : IWebJobsExceptionHandler, IWebJobsExceptionHandlerFactory
{
    private int _faults;

    /// <summary>How many trigger-machinery faults this process has survived.</summary>
    public int Faults => Volatile.Read(ref _faults);

    public IWebJobsExceptionHandler Create(IHost jobHost) => this;

    public Task OnTimeoutExceptionAsync(ExceptionDispatchInfo exceptionInfo, TimeSpan timeoutGracePeriod)
    {
        ArgumentNullException.ThrowIfNull(exceptionInfo);
        Interlocked.Increment(ref _faults);
        LogTimeout(logger, exceptionInfo.SourceException, timeoutGracePeriod);
        return Task.CompletedTask;
    }

    public Task OnUnhandledExceptionAsync(ExceptionDispatchInfo exceptionInfo)
    {
        ArgumentNullException.ThrowIfNull(exceptionInfo);
        Interlocked.Increment(ref _faults);
        LogUnhandled(logger, exceptionInfo.SourceException);
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A trigger listener failed and stopped; the process keeps serving, and reconciliation picks up uploads it would have found.")]
    private static partial void LogUnhandled(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "A function ran past its timeout (grace {Grace}); the process keeps serving.")]
    private static partial void LogTimeout(ILogger logger, Exception exception, TimeSpan grace);
}
