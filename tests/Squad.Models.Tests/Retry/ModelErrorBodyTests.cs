using Squad.Testing;

namespace Squad.Models.Tests.Retry;

public sealed class ModelErrorBodyTests
{
    [Fact]
    public void Message_OpenAIShape_IsTheErrorMessage()
        => Assert.Equal("Rate limit reached", ModelErrorBody.Message(OpenAIWire.ErrorBody("Rate limit reached", "requests")));

    [Fact]
    public void Message_AnthropicShape_IsTheErrorMessage()
        => Assert.Equal("Overloaded", ModelErrorBody.Message(AnthropicWire.ErrorBody("Overloaded", "overloaded_error")));

    [Fact]
    public void Message_HtmlPage_IsItsFirstLine()
        => Assert.Equal("<html><body>Bad gateway</body></html>", ModelErrorBody.Message("  <html><body>Bad gateway</body></html>\n<!-- proxy -->"));

    [Fact]
    public void Message_JsonWithoutError_IsNull()
        => Assert.Null(ModelErrorBody.Message("{\"detail\":\"x\"}"));

    [Fact]
    public void Message_LongText_IsShortened()
    {
        var message = ModelErrorBody.Message(new string('x', 1000));

        Assert.Equal(301, message!.Length);
        Assert.EndsWith("…", message, StringComparison.Ordinal);
    }
}
