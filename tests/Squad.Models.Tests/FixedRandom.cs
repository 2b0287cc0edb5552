namespace Squad.Models.Tests;

/// <summary>A <see cref="Random"/> whose every sample is the same, so retry jitter is known in advance.</summary>
internal sealed class FixedRandom(double sample) : Random
{
    public override double NextDouble() => sample;

    protected override double Sample() => sample;
}
