namespace Checkout.Tests;

public class MoneyTests
{
    [Fact]
    public void Amounts_are_kept_to_the_cent()
    {
        Assert.Equal(1.01m, new Money(1.005m).Amount);
    }

    [Fact]
    public void Negative_amounts_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Money(-0.01m));
    }

    [Fact]
    public void Percent_is_rounded_to_the_cent()
    {
        Assert.Equal(new Money(3.00m), new Money(19.99m).Percent(15));
    }

    [Fact]
    public void Amounts_print_with_two_decimals()
    {
        Assert.Equal("12.50", new Money(12.5m).ToString());
    }
}
