namespace Text.Tests;

public class ExistingTests
{
    [Fact]
    public void Freezing_point() => Assert.Equal(32, Temperature.ToFahrenheit(0));
}
