using System.Globalization;

namespace Squad.Sandbox;

/// <summary>Sizes for people: "4 GiB", "256 MiB".</summary>
internal static class ByteSize
{
    public static string Format(long bytes)
    {
        (long Unit, string Name)[] units = [(1L << 40, "TiB"), (1L << 30, "GiB"), (1L << 20, "MiB"), (1L << 10, "KiB")];
        foreach (var (unit, name) in units)
        {
            if (bytes >= unit)
            {
                var value = (double)bytes / unit;
                var text = bytes % unit == 0 ? value.ToString("0", CultureInfo.InvariantCulture) : value.ToString("0.#", CultureInfo.InvariantCulture);
                return $"{text} {name}";
            }
        }

        return $"{bytes.ToString(CultureInfo.InvariantCulture)} bytes";
    }
}
