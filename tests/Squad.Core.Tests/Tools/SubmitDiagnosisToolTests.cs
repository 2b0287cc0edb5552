using Squad.Core.Agents;
using Squad.Core.Tools;

namespace Squad.Core.Tests.Tools;

public sealed class SubmitDiagnosisToolTests : IDisposable
{
    private const string Scenario = """
        Scenario: Removing a SKU that is not in the cart leaves the cart unchanged
          Given a cart with 2 "MUG" at 3.50
          When the customer removes "TEAPOT"
          Then the cart still holds one line
        """;

    private readonly TestWorkspace workspace = new();
    private readonly ToolBox toolBox = new();

    public void Dispose() => workspace.Dispose();

    private static AgentDefinition Diagnostician() => TestAgents.Reader(
        [ToolNames.ReadFile, ToolNames.ListFiles, ToolNames.SearchFiles, ToolNames.RunCommand, ToolNames.SubmitDiagnosis]) with
    {
        Name = "diagnostician",
        DisplayName = "Diagnostician",
    };

    private static Dictionary<string, object?> Diagnosis(string scenario, string? reproduction = "fails with InvalidOperationException")
    {
        var args = TestAgents.Args(("hypothesis", "Cart.Remove uses First.\nIt throws on an unknown SKU."), ("fix_plan", "Use RemoveAll."), ("scenario", scenario));
        if (reproduction is not null)
        {
            args["reproduction"] = reproduction;
        }

        return args;
    }

    [Fact]
    public async Task InvokeAsync_ValidScenario_KeepsTheDiagnosisForTheOrchestrator()
    {
        var context = workspace.Context(Diagnostician());

        var result = await toolBox.InvokeAsync(ToolNames.SubmitDiagnosis, Diagnosis(Scenario), context);

        Assert.Equal(ToolCallStatus.Ok, result.Status);
        Assert.Contains("1 scenario(s): Removing a SKU that is not in the cart leaves the cart unchanged", result.Output, StringComparison.Ordinal);
        var diagnosis = Assert.IsType<Domain.Diagnosis>(context.SubmittedDiagnosis);
        Assert.Equal("Use RemoveAll.", diagnosis.FixPlan);
        Assert.Equal("fails with InvalidOperationException", diagnosis.Reproduction);
    }

    [Fact]
    public async Task InvokeAsync_ScenarioInAMarkdownFence_DropsTheFence()
    {
        var context = workspace.Context(Diagnostician());

        await toolBox.InvokeAsync(ToolNames.SubmitDiagnosis, Diagnosis($"```gherkin\n{Scenario}\n```"), context);

        Assert.Equal(Scenario, context.SubmittedDiagnosis!.Scenario);
    }

    [Theory]
    [InlineData("Scenario: the cart\n  Given a cart\n  Whenever it breaks", "not valid Gherkin")]
    [InlineData("The cart should not crash.", "not valid Gherkin")]
    [InlineData("Feature: Carts\n  Scenario: no steps", "Given/When/Then steps")]
    public async Task InvokeAsync_ScenarioThatIsNotUsableGherkin_IsRefusedWithTheReason(string scenario, string reason)
    {
        var context = workspace.Context(Diagnostician());

        var result = await toolBox.InvokeAsync(ToolNames.SubmitDiagnosis, Diagnosis(scenario), context);

        Assert.Equal(ToolCallStatus.Failed, result.Status);
        Assert.Contains(reason, result.Output, StringComparison.Ordinal);
        Assert.Null(context.SubmittedDiagnosis);
    }

    [Fact]
    public async Task InvokeAsync_SecondDiagnosis_IsRefusedAndTheFirstKept()
    {
        var context = workspace.Context(Diagnostician());
        await toolBox.InvokeAsync(ToolNames.SubmitDiagnosis, Diagnosis(Scenario), context);

        var second = await toolBox.InvokeAsync(ToolNames.SubmitDiagnosis, Diagnosis(Scenario, reproduction: "other"), context);

        Assert.Equal(ToolCallStatus.Failed, second.Status);
        Assert.Equal("fails with InvalidOperationException", context.SubmittedDiagnosis!.Reproduction);
    }

    [Fact]
    public async Task InvokeAsync_RoleWithoutTheTool_IsRefused()
    {
        var context = workspace.Context(TestAgents.Reader());

        var result = await toolBox.InvokeAsync(ToolNames.SubmitDiagnosis, Diagnosis(Scenario), context);

        Assert.Equal(ToolCallStatus.Refused, result.Status);
        Assert.Null(context.SubmittedDiagnosis);
    }

    [Fact]
    public void ToMarkdown_ReadsBackAsTheScenarioThroughIntake()
    {
        var diagnosis = new Domain.Diagnosis { Hypothesis = "h", FixPlan = "p", Scenario = Scenario };

        var criteria = Core.Intake.IntakeGate.ReadCriteria("No gherkin in this stub.", diagnosis.ToMarkdown());

        Assert.Equal(["Removing a SKU that is not in the cart leaves the cart unchanged"], criteria.Scenarios.Select(s => s.Name));
        Assert.DoesNotContain("### Reproduction", diagnosis.ToMarkdown(), StringComparison.Ordinal);
    }
}
