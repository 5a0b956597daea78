using System.Buffers;
using System.Security.Cryptography;

namespace Alerts.Subscriptions;

/// <summary>Subscription ids: "s" and 20 random base32 characters (100 bits), lower case so they fit rule ids.</summary>
public static class SubscriptionIds
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyz234567";
    private const int Length = 20;
    private static readonly SearchValues<char> Characters = SearchValues.Create(Alphabet);

    public static string New() => "s" + RandomNumberGenerator.GetString(Alphabet, Length);

    public static bool IsValid(string? id) =>
        id is { Length: Length + 1 } && id[0] == 's' && id.AsSpan(1).IndexOfAnyExcept(Characters) < 0;
}
