using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace Squad.Server;

/// <summary>
/// Remembers the requests already handled (a hash of timestamp and body, or a Socket Mode envelope's keys) for ten
/// minutes, twice the signature's tolerance, so a valid request replayed or redelivered inside that window starts
/// nothing new.
/// </summary>
internal sealed class ReplayGuard(TimeProvider time)
{
    public static readonly TimeSpan Memory = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, DateTimeOffset> seen = new(StringComparer.Ordinal);

    /// <summary>True the first time a request is seen; false for a replay.</summary>
    public bool TryAccept(string timestamp, ReadOnlySpan<byte> body)
    {
        var now = time.GetUtcNow();
        Forget(now);
        var stamp = Encoding.ASCII.GetBytes(timestamp + ":");
        var data = new byte[stamp.Length + body.Length];
        stamp.CopyTo(data, 0);
        body.CopyTo(data.AsSpan(stamp.Length));
        return seen.TryAdd(Convert.ToHexString(SHA256.HashData(data)), now);
    }

    /// <summary>True the first time <paramref name="key"/> is seen; false after. Keys carry a prefix (<c>envelope:</c>) so they never meet the hashes.</summary>
    public bool TryAccept(string key)
    {
        var now = time.GetUtcNow();
        Forget(now);
        return seen.TryAdd(key, now);
    }

    private void Forget(DateTimeOffset now)
    {
        foreach (var (key, at) in seen)
        {
            if (now - at > Memory)
            {
                seen.TryRemove(key, out _);
            }
        }
    }
}
