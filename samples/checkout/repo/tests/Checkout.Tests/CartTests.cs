namespace Checkout.Tests;

public class CartTests
{
    [Fact]
    public void An_empty_cart_has_a_zero_subtotal()
    {
        var cart = new Cart();

        Assert.True(cart.IsEmpty);
        Assert.Equal(Money.Zero, cart.Subtotal);
    }

    [Fact]
    public void Subtotal_adds_up_the_line_totals()
    {
        var cart = new Cart()
            .Add("MUG", new Money(3.50m), quantity: 2)
            .Add("TEAPOT", new Money(12.00m));

        Assert.Equal(new Money(19.00m), cart.Subtotal);
    }

    [Fact]
    public void A_line_item_needs_a_positive_quantity()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new LineItem("MUG", new Money(3.50m), 0));
    }
}
