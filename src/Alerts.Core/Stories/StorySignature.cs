using System.Buffers.Binary;

namespace Alerts.Stories;

/// <summary>
/// A MinHash signature of a body's shingles: <see cref="Length"/> minima of independent hashes. The share of equal
/// positions in two signatures estimates the Jaccard similarity of their shingle sets; with the sets' sizes it also
/// estimates how much of one is in the other. Split into <see cref="Bands"/> bands of <see cref="Rows"/>, each band
/// is a bucket key: two bodies with Jaccard 0.5 share a bucket with probability 0.99, two unrelated ones almost never.
/// </summary>
public sealed class StorySignature
{
    public const int Bands = 32;
    public const int Rows = 3;
    public const int Length = Bands * Rows;

    /// <summary>Bodies with fewer shingles than this are too short to tell a copy from a coincidence.</summary>
    public const int MinShingles = 8;

    private static readonly ulong[] Seeds = [.. Enumerable.Range(1, Length).Select(i => StoryShingles.Mix((ulong)i * 0x2545F4914F6CDD1DUL))];

    private readonly uint[] _values;

    private StorySignature(uint[] values, int shingleCount)
    {
        _values = values;
        ShingleCount = shingleCount;
    }

    /// <summary>How many distinct shingles the body has.</summary>
    public int ShingleCount { get; }

    public IReadOnlyList<uint> Values => _values;

    /// <summary>The signature of <paramref name="body"/>, or null when it is too short to fold.</summary>
    public static StorySignature? Of(string body)
    {
        var shingles = StoryShingles.Of(body);
        if (shingles.Count < MinShingles)
        {
            return null;
        }
        var values = new uint[Length];
        Array.Fill(values, uint.MaxValue);
        foreach (var shingle in shingles)
        {
            for (var i = 0; i < Length; i++)
            {
                var h = (uint)(StoryShingles.Mix(shingle ^ Seeds[i]) >> 32);
                if (h < values[i])
                {
                    values[i] = h;
                }
            }
        }
        return new StorySignature(values, shingles.Count);
    }

    /// <summary>The estimated Jaccard similarity of the two shingle sets.</summary>
    public double Jaccard(StorySignature other)
    {
        ArgumentNullException.ThrowIfNull(other);
        var equal = 0;
        for (var i = 0; i < Length; i++)
        {
            equal += _values[i] == other._values[i] ? 1 : 0;
        }
        return equal / (double)Length;
    }

    /// <summary>The estimated number of shingles the two bodies share.</summary>
    public double Shared(StorySignature other)
    {
        var j = Jaccard(other);
        return j * (ShingleCount + other.ShingleCount) / (1 + j);
    }

    /// <summary>
    /// The estimated share of the smaller body found in the other: near 1 for a copy, even one trimmed at the end or
    /// with a paragraph added; near 0 for another story about the same event.
    /// </summary>
    public double Containment(StorySignature other) => Math.Min(1, Shared(other) / Math.Min(ShingleCount, other.ShingleCount));

    /// <summary>The estimated share of this body's shingles that are not in <paramref name="earlier"/>.</summary>
    public double NewShare(StorySignature earlier) => Math.Clamp(1 - Shared(earlier) / ShingleCount, 0, 1);

    /// <summary>One bucket key per band: the band number and a hash of its rows.</summary>
    public IReadOnlyList<string> BucketKeys()
    {
        var keys = new string[Bands];
        for (var band = 0; band < Bands; band++)
        {
            var hash = (ulong)band;
            for (var row = 0; row < Rows; row++)
            {
                hash = StoryShingles.Mix(hash ^ _values[band * Rows + row]);
            }
            keys[band] = $"{band:D2}-{hash:x16}";
        }
        return keys;
    }

    public string ToBase64()
    {
        var bytes = new byte[Length * 4];
        for (var i = 0; i < Length; i++)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(bytes.AsSpan(i * 4), _values[i]);
        }
        return Convert.ToBase64String(bytes);
    }

    /// <summary>Reads a stored signature; null when it is not one (another version's, or damaged).</summary>
    public static StorySignature? FromBase64(string? text, int shingleCount)
    {
        if (string.IsNullOrEmpty(text) || shingleCount <= 0)
        {
            return null;
        }
        var bytes = new byte[Length * 4];
        if (!Convert.TryFromBase64String(text, bytes, out var written) || written != bytes.Length)
        {
            return null;
        }
        var values = new uint[Length];
        for (var i = 0; i < Length; i++)
        {
            values[i] = BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * 4));
        }
        return new StorySignature(values, shingleCount);
    }
}
