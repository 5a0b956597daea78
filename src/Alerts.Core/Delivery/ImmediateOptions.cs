using System.ComponentModel.DataAnnotations;

namespace Alerts.Delivery;

/// <summary>How immediate alerts fan out. Settings: <c>Alerts__Immediate__*</c>.</summary>
public sealed class ImmediateOptions
{
    public const string SectionName = "Alerts:Immediate";

    /// <summary>
    /// Subscribers one message sends to. An article whose rules have more is split into messages of this many on the
    /// immediate-batches queue; at most 200, so a message of 200 subscriber ids stays well under the queue's 64 KB.
    /// </summary>
    [Range(1, 200)]
    public int FanOutBatchSize { get; set; } = 50;

    /// <summary>Batch messages queued at once by the message that splits a large fan-out.</summary>
    [Range(1, 64)]
    public int EnqueueParallelism { get; set; } = 16;
}
