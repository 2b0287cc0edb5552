using Squad.Core.Intake;

namespace Squad.Core.Tests.Intake;

public sealed class AcceptanceCriteriaParserTests
{
    private readonly AcceptanceCriteriaParser parser = new();

    [Fact]
    public void Parse_TwoScenariosInOneBlock_ReturnsBothWithTrimmedSteps()
    {
        var description = """
            Adds numbers.

            ```gherkin
            Feature: Calculator
              Scenario: Add two numbers
                Given a calculator
                When I add 2 and 3
                Then the result is 5

              Scenario: Subtract
                Given a calculator
                When I subtract 3 from 5
                Then the result is 2
            ```
            """;

        var criteria = parser.Parse(description);

        Assert.True(criteria.IsValid);
        Assert.Equal(["Add two numbers", "Subtract"], criteria.Scenarios.Select(s => s.Name));
        Assert.All(criteria.Scenarios, s => Assert.Equal("Calculator", s.Feature));
        Assert.Equal(["Given a calculator", "When I add 2 and 3", "Then the result is 5"], criteria.Scenarios[0].Steps);
        Assert.Equal(
            "Scenario: Add two numbers\n  Given a calculator\n  When I add 2 and 3\n  Then the result is 5",
            criteria.Scenarios[0].Text);
    }

    [Fact]
    public void Parse_TwoBlocks_ReturnsScenariosOfBothInOrder()
    {
        var description = """
            ```gherkin
            Feature: One
              Scenario: First
                Given one
            ```

            Some prose between.

            ```gherkin
            Feature: Two
              Scenario: Second
                Given two
            ```
            """;

        var criteria = parser.Parse(description);

        Assert.Equal(2, criteria.BlockCount);
        Assert.Equal(["One/First", "Two/Second"], criteria.Scenarios.Select(s => $"{s.Feature}/{s.Name}"));
    }

    [Fact]
    public void Parse_Background_PrependsItsStepsToEveryScenario()
    {
        var description = """
            ```gherkin
            Feature: Cart
              Background:
                Given a signed-in customer
                And an empty cart

              Scenario: Add an item
                When I add a book
                Then the cart holds 1 item

              Scenario: Remove an item
                When I remove a book
                Then the cart holds 0 items
            ```
            """;

        var criteria = parser.Parse(description);

        Assert.Equal(2, criteria.Scenarios.Count);
        Assert.All(criteria.Scenarios, s => Assert.Equal(["Given a signed-in customer", "And an empty cart"], s.Steps.Take(2)));
        Assert.Equal("When I add a book", criteria.Scenarios[0].Steps[2]);
        Assert.Contains("  Given a signed-in customer\n  And an empty cart\n  When I add a book", criteria.Scenarios[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_ScenarioOutline_ReturnsOneScenarioWithExamplesInText()
    {
        var description = """
            ```gherkin
            Feature: Calculator
              Scenario Outline: Add
                Given a calculator
                When I add <a> and <b>
                Then the result is <sum>

                Examples:
                  | a | b  | sum |
                  | 1 | 2  | 3   |
                  | 5 | 10 | 15  |
            ```
            """;

        var scenario = Assert.Single(parser.Parse(description).Scenarios);

        Assert.Equal("Add", scenario.Name);
        Assert.Equal("When I add <a> and <b>", scenario.Steps[1]);
        Assert.StartsWith("Scenario Outline: Add\n", scenario.Text, StringComparison.Ordinal);
        Assert.Contains("  Examples:\n    | a | b  | sum |\n    | 1 | 2  | 3   |\n    | 5 | 10 | 15  |", scenario.Text, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_FeatureInfoString_IsRead()
    {
        var description = "```feature\nFeature: F\n  Scenario: S\n    Given x\n```\n";

        var scenario = Assert.Single(parser.Parse(description).Scenarios);

        Assert.Equal(["Given x"], scenario.Steps);
    }

    [Fact]
    public void Parse_OtherInfoStrings_AreIgnored()
    {
        var description = "```csharp\nFeature: F\n  Scenario: S\n    Given x\n```\n\n    Feature: indented code\n";

        var criteria = parser.Parse(description);

        Assert.Equal(0, criteria.BlockCount);
        Assert.Empty(criteria.Scenarios);
    }

    [Fact]
    public void Parse_BlockWithoutFeatureLine_ReadsScenariosWithEmptyFeature()
    {
        var description = "```gherkin\n@smoke\nScenario: S\n  Given x\n  Then y\n```\n";

        var scenario = Assert.Single(parser.Parse(description).Scenarios);

        Assert.Equal("", scenario.Feature);
        Assert.Equal("@smoke\nScenario: S\n  Given x\n  Then y", scenario.Text);
    }

    [Fact]
    public void Parse_MalformedGherkin_ReturnsErrorWithBlockAndLine()
    {
        var description = "```gherkin\nFeature: F\n  Scenario: S\n    Given x\n    Whatever this is\n```\n";

        var criteria = parser.Parse(description);

        Assert.False(criteria.IsValid);
        var error = Assert.Single(criteria.Errors);
        Assert.Equal(1, error.Block);
        Assert.Equal(4, error.Line);
        Assert.Contains("got 'Whatever this is'", error.Message, StringComparison.Ordinal);
        Assert.StartsWith("gherkin block 1, line 4: expected:", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_MalformedHeaderlessBlock_ReportsLineOfTheBlockAsWritten()
    {
        var description = "```gherkin\nScenario: S\n  Given x\n  Oops\n```\n";

        var error = Assert.Single(parser.Parse(description).Errors);

        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Parse_BlockWithoutScenario_ReturnsError()
    {
        var description = "```gherkin\nFeature: F\n  Example: not a Gherkin 5 keyword\n    Given x\n```\n";

        var error = Assert.Single(parser.Parse(description).Errors);

        Assert.Contains("no Scenario", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_StepArguments_AreRenderedInText()
    {
        var description = "```gherkin\nFeature: F\n  Scenario: S\n    Given users\n      | name | role |\n      | ann | a\\|b |\n    Then the body is\n      \"\"\"json\n      {}\n      \"\"\"\n```\n";

        var scenario = Assert.Single(parser.Parse(description).Scenarios);

        Assert.Equal(["Given users", "Then the body is"], scenario.Steps);
        Assert.Contains("    | name | role |\n    | ann  | a\\|b |", scenario.Text, StringComparison.Ordinal);
        Assert.EndsWith("    \"\"\"json\n    {}\n    \"\"\"", scenario.Text, StringComparison.Ordinal);
    }
}
