namespace Text.Tests;

public class TemperatureTests
{
    [Fact]
    public void Boiling_water() => Assert.Equal(212, Temperature.ToFahrenheit(100), 6);

    [Fact]
    public void Body_temperature() => Assert.Equal(98.6, Temperature.ToFahrenheit(37), 6);
}
