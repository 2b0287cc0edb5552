using System.Text;

namespace Squad.Sandbox;

/// <summary>
/// Standard output and error together, in arrival order, never holding more than the cap: the first half as it came and
/// a ring of the latest bytes, the middle only counted. A flood of hundreds of megabytes costs the orchestrator nothing.
/// </summary>
internal sealed class OutputBuffer
{
    // Room for the note that says what was cut, so the rendered text stays within the cap.
    private const int NoteReserve = 128;

    private readonly Lock _gate = new();
    private readonly int _headCapacity;
    private readonly int _tailCapacity;
    private byte[] _head;
    private byte[]? _tail;
    private int _headLength;
    private int _tailStart;
    private int _tailLength;

    public OutputBuffer(int maxBytes)
    {
        var room = Math.Max(0, maxBytes - NoteReserve);
        var headCapacity = room / 2;
        _headCapacity = headCapacity;
        _head = new byte[Math.Min(headCapacity, 4096)];
        _tailCapacity = room - headCapacity;
    }

    public long TotalBytes { get; private set; }

    public void Append(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            TotalBytes += data.Length;
            var toHead = Math.Min(data.Length, _headCapacity - _headLength);
            if (toHead > 0)
            {
                EnsureHead(_headLength + toHead);
                data[..toHead].CopyTo(_head.AsSpan(_headLength));
                _headLength += toHead;
                data = data[toHead..];
            }

            if (data.Length > 0 && _tailCapacity > 0)
            {
                AppendTail(data);
            }
        }
    }

    public string Render()
    {
        lock (_gate)
        {
            var tail = new byte[_tailLength];
            var firstPart = Math.Min(_tailLength, _tailCapacity - _tailStart);
            if (_tail is not null)
            {
                _tail.AsSpan(_tailStart, firstPart).CopyTo(tail);
                _tail.AsSpan(0, _tailLength - firstPart).CopyTo(tail.AsSpan(firstPart));
            }

            var cut = TotalBytes - _headLength - _tailLength;
            var head = _head.AsSpan(0, _headLength);
            if (cut == 0)
            {
                // Decoded together so a character split between head and tail survives.
                return Encoding.UTF8.GetString([.. head, .. tail]);
            }

            return $"{Encoding.UTF8.GetString(head)}\n[… {cut:N0} bytes of output cut here: {TotalBytes:N0} in all …]\n{Encoding.UTF8.GetString(tail)}";
        }
    }

    private void EnsureHead(int length)
    {
        if (length <= _head.Length)
        {
            return;
        }

        // The head grows with the output, so a one-line result does not cost the whole cap.
        var grown = new byte[Math.Min(_headCapacity, Math.Max(length, _head.Length * 2))];
        _head.AsSpan(0, _headLength).CopyTo(grown);
        _head = grown;
    }

    private void AppendTail(ReadOnlySpan<byte> data)
    {
        _tail ??= new byte[_tailCapacity];
        if (data.Length >= _tailCapacity)
        {
            data[^_tailCapacity..].CopyTo(_tail);
            _tailStart = 0;
            _tailLength = _tailCapacity;
            return;
        }

        var end = (_tailStart + _tailLength) % _tailCapacity;
        var first = Math.Min(data.Length, _tailCapacity - end);
        data[..first].CopyTo(_tail.AsSpan(end));
        data[first..].CopyTo(_tail);
        var overflow = Math.Max(0, _tailLength + data.Length - _tailCapacity);
        _tailLength = Math.Min(_tailCapacity, _tailLength + data.Length);
        _tailStart = (_tailStart + overflow) % _tailCapacity;
    }
}
