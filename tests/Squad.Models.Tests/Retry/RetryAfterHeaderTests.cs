namespace Squad.Models.Tests.Retry;

public sealed class RetryAfterHeaderTests
{
    private static readonly DateTimeOffset Now = new(2025, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData("7", 7.0)]
    [InlineData(" 120 ", 120.0)]
    [InlineData("1.5", 1.5)]
    [InlineData("0", 0.0)]
    public void Parse_Seconds_IsThatLong(string value, double seconds)
        => Assert.Equal(TimeSpan.FromSeconds(seconds), RetryAfterHeader.Parse(value, Now));

    [Fact]
    public void Parse_HttpDate_IsTheTimeUntilThen()
        => Assert.Equal(TimeSpan.FromSeconds(30), RetryAfterHeader.Parse("Wed, 01 Jan 2025 12:00:30 GMT", Now));

    [Fact]
    public void Parse_HttpDateInThePast_IsZero()
        => Assert.Equal(TimeSpan.Zero, RetryAfterHeader.Parse("Wed, 01 Jan 2025 11:59:00 GMT", Now));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("-5")]
    public void Parse_MissingOrUnreadable_IsNull(string? value)
        => Assert.Null(RetryAfterHeader.Parse(value, Now));
}
