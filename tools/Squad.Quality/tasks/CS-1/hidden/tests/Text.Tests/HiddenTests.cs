namespace Text.Tests;

public class HiddenTests
{
    [Fact]
    public void Conversions()
    {
        Assert.Equal(212, Temperature.ToFahrenheit(100), 6);
        Assert.Equal(98.6, Temperature.ToFahrenheit(37), 6);
        Assert.Equal(-40, Temperature.ToFahrenheit(-40), 6);
        Assert.Equal(32, Temperature.ToFahrenheit(0), 6);
    }
}
