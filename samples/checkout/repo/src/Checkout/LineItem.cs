namespace Checkout;

/// <summary>One product in a cart: its SKU, its unit price and how many of it.</summary>
public sealed record LineItem
{
    public LineItem(string sku, Money unitPrice, int quantity)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sku);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        Sku = sku;
        UnitPrice = unitPrice;
        Quantity = quantity;
    }

    public string Sku { get; }

    public Money UnitPrice { get; }

    public int Quantity { get; }

    public Money Total => UnitPrice * Quantity;
}
