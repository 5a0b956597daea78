namespace Alerts.IntegrationTests.BadInput;

/// <summary>A read-only stream of <paramref name="length"/> bytes repeating <paramref name="pattern"/>, produced as it is read.</summary>
internal sealed class GeneratedStream(byte[] pattern, long length, bool seekable = true) : Stream
{
    private long _position;

    /// <summary>Bytes handed out by <see cref="Read(byte[], int, int)"/>: how much of the upload the reader pulled.</summary>
    public long BytesRead { get; private set; }

    public override bool CanRead => true;
    public override bool CanSeek => seekable;
    public override bool CanWrite => false;
    public override long Length => seekable ? length : throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => _position = seekable ? value : throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count)
    {
        var n = (int)Math.Min(count, length - _position);
        for (var i = 0; i < n; i++)
        {
            buffer[offset + i] = pattern[(_position + i) % pattern.Length];
        }
        _position += n;
        BytesRead += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => Position = origin switch
    {
        SeekOrigin.Begin => offset,
        SeekOrigin.Current => _position + offset,
        _ => length + offset,
    };

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
