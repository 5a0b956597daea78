namespace Alerts.Delivery;

/// <summary>
/// A subscriber of an <see cref="ImmediateBatch"/>, with the rules whose index rows named it (checked against the
/// stored subscription before anything is sent). No rules: listed from the whole table before the index was complete.
/// </summary>
public sealed record ImmediateRecipient(string Id, IReadOnlyList<string> Rules);
