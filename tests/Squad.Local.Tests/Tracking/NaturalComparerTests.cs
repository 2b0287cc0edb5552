using Squad.Local.Tracking;

namespace Squad.Local.Tests.Tracking;

public sealed class NaturalComparerTests
{
    [Fact]
    public void Compare_Identifiers_OrdersNumbersByValue()
    {
        string[] identifiers = ["CALC-10", "CALC-2", "ABC-3", "CALC-1", "CALC-002a", "calc-3"];

        var ordered = identifiers.Order(NaturalComparer.Instance);

        Assert.Equal(["ABC-3", "CALC-1", "CALC-2", "CALC-002a", "calc-3", "CALC-10"], ordered);
    }
}
