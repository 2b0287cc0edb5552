namespace Checkout;

/// <summary>A customer's cart: line items and their subtotal.</summary>
public sealed class Cart
{
    private readonly List<LineItem> _items = [];

    public IReadOnlyList<LineItem> Items => _items;

    public bool IsEmpty => _items.Count == 0;

    public Money Subtotal => _items.Aggregate(Money.Zero, (sum, item) => sum + item.Total);

    public Cart Add(string sku, Money unitPrice, int quantity = 1)
    {
        _items.Add(new LineItem(sku, unitPrice, quantity));
        return this;
    }

    /// <summary>Takes the line item of <paramref name="sku"/> out of the cart.</summary>
    public Cart Remove(string sku)
    {
        var item = _items.First(i => i.Sku == sku);
        _items.Remove(item);
        return this;
    }
}
