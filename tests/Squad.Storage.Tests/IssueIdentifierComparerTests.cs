namespace Squad.Storage.Tests;

public sealed class IssueIdentifierComparerTests
{
    [Theory]
    [InlineData("ABC-2", "ABC-10")]
    [InlineData("ABC-9", "ABC-10")]
    [InlineData("ABC-10", "ABD-1")]
    [InlineData("AB-100", "ABC-1")]
    [InlineData("ABC-1", "ABC-1a")]
    [InlineData("ABC-02", "ABC-2")]
    [InlineData("ABC-2", "ABC-003")]
    [InlineData("ABC-99999999999999999999", "ABC-100000000000000000000")]
    public void Compare_IdentifiersInReadingOrder_FirstSortsBeforeSecond(string first, string second)
    {
        Assert.True(IssueIdentifierComparer.Instance.Compare(first, second) < 0);
        Assert.True(IssueIdentifierComparer.Instance.Compare(second, first) > 0);
    }

    [Fact]
    public void Compare_SameIdentifier_IsZero()
    {
        Assert.Equal(0, IssueIdentifierComparer.Instance.Compare("ABC-12", "ABC-12"));
    }

    [Fact]
    public void Sort_MixedIdentifiers_NumbersByValue()
    {
        string[] identifiers = ["ABC-10", "ABC-1", "XYZ-3", "ABC-2", "ABC-100", "ABC-20"];

        var sorted = identifiers.Order(IssueIdentifierComparer.Instance);

        Assert.Equal(["ABC-1", "ABC-2", "ABC-10", "ABC-20", "ABC-100", "XYZ-3"], sorted);
    }
}
