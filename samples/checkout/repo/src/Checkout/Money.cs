using System.Globalization;

namespace Checkout;

/// <summary>An amount of money in the shop's single currency, kept to the cent.</summary>
public readonly record struct Money : IComparable<Money>
{
    public static readonly Money Zero = new(0m);

    public Money(decimal amount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(amount);
        Amount = decimal.Round(amount, 2, MidpointRounding.AwayFromZero);
    }

    public decimal Amount { get; }

    public static Money operator +(Money left, Money right) => new(left.Amount + right.Amount);

    public static Money operator -(Money left, Money right) => new(left.Amount - right.Amount);

    public static Money operator *(Money money, int quantity) => new(money.Amount * quantity);

    public static bool operator <(Money left, Money right) => left.Amount < right.Amount;

    public static bool operator >(Money left, Money right) => left.Amount > right.Amount;

    public static bool operator <=(Money left, Money right) => left.Amount <= right.Amount;

    public static bool operator >=(Money left, Money right) => left.Amount >= right.Amount;

    /// <summary>The given percentage of this amount, rounded to the cent (half away from zero).</summary>
    public Money Percent(int percent)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(percent);
        return new Money(Amount * percent / 100m);
    }

    public int CompareTo(Money other) => Amount.CompareTo(other.Amount);

    public override string ToString() => Amount.ToString("0.00", CultureInfo.InvariantCulture);
}
