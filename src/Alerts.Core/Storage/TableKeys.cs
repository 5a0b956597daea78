using System.Security.Cryptography;
using System.Text;

namespace Alerts.Storage;

/// <summary>Turns arbitrary names into valid Azure Table keys (no '/', '\', '#', '?', control characters; at most 1 KiB).</summary>
public static class TableKeys
{
    private const int MaxKeyLength = 512;

    public static string Escape(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        var escaped = Uri.EscapeDataString(value);
        if (escaped.Length <= MaxKeyLength)
        {
            return escaped;
        }
        // Long names keep a readable head and a hash that makes them unique.
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value)))[..32];
        return escaped[..(MaxKeyLength - 33)] + "~" + hash;
    }

    /// <summary>Escapes a value for an OData string literal in a table filter.</summary>
    public static string Quote(string value) => "'" + value.Replace("'", "''", StringComparison.Ordinal) + "'";
}
