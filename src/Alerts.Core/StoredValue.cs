using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace Alerts;

/// <summary>
/// The string a state enum is stored as, in tables as in JSON: the member's <see cref="JsonStringEnumMemberNameAttribute"/>.
/// One source for both, so a table filter and a JSON body always use the same value.
/// </summary>
public static class StoredValue
{
    public static string Of<T>(T value) where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(T).Name}.");

    /// <summary>The member stored as <paramref name="name"/>; throws a <see cref="FormatException"/> naming the value otherwise.</summary>
    public static T Parse<T>(string? name) where T : struct, Enum =>
        name is not null && Names<T>.ByName.TryGetValue(name, out var value)
            ? value
            : throw new FormatException($"'{name}' is not a stored {typeof(T).Name} ({string.Join(", ", Names<T>.ByName.Keys.Order(StringComparer.Ordinal))}).");

    private static class Names<T> where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue = Enum.GetValues<T>().ToFrozenDictionary(v => v, NameOf);
        public static readonly FrozenDictionary<string, T> ByName = ByValue.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        private static string NameOf(T value)
        {
            var member = typeof(T).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)!;
            return member.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? member.Name;
        }
    }
}
