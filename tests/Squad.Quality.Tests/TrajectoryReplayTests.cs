using Squad.Quality.Replay;

namespace Squad.Quality.Tests;

public sealed class TrajectoryReplayTests
{
    private static ReplayReport Report() => ReplayReport.Load(Path.Combine(AppContext.BaseDirectory, "trajectories"));

    [Fact]
    public void Every_vendored_SWE_agent_action_is_expressible_through_Squads_tools()
    {
        var total = Report().Total;

        Assert.Equal(18, total.Total);
        Assert.Equal(16, total.Exact);
        Assert.Equal(2, total.WithLoss);
        Assert.Equal(0, total.NotExpressible);
    }

    [Fact]
    public void The_figures_per_action_kind_do_not_regress()
    {
        var kinds = Report().ByKind.ToDictionary(k => k.Kind, k => (k.Exact, k.WithLoss, k.NotExpressible));

        Assert.Equal((5, 0, 0), kinds["bash"]);
        Assert.Equal((2, 0, 0), kinds["create"]);
        Assert.Equal((2, 2, 0), kinds["edit"]);
        Assert.Equal((2, 0, 0), kinds["find_file"]);
        Assert.Equal((1, 0, 0), kinds["insert"]);
        Assert.Equal((2, 0, 0), kinds["open"]);
        Assert.Equal((1, 0, 0), kinds["rm"]);
        Assert.Equal((1, 0, 0), kinds["submit"]);
    }

    [Fact]
    public void Every_vendored_trajectory_names_its_source_commit_and_licence()
    {
        Assert.All(Report().Trajectories, t =>
        {
            Assert.StartsWith("https://github.com/", t.File.Source, StringComparison.Ordinal);
            Assert.Matches("^[0-9a-f]{40}$", t.File.Commit);
            Assert.StartsWith("MIT", t.File.Licence, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void A_line_addressed_edit_of_a_new_file_becomes_write_file_and_of_an_old_one_a_read_then_edit_file()
    {
        var mapper = new ActionMapper();
        mapper.Map("create a.py\n");
        var onNew = mapper.Map("edit 1:1\nprint(1)\nend_of_edit\n");
        mapper.Map("open b.py 40\n");
        var onOld = mapper.Map("edit 40:41\n    x = 2\nend_of_edit\n");

        Assert.Equal(Fidelity.Exact, onNew.Fidelity);
        Assert.Equal("write_file", Assert.Single(onNew.Calls).Tool);
        Assert.Equal("print(1)\n", onNew.Calls[0].Arguments["content"]);
        Assert.Equal(Fidelity.WithLoss, onOld.Fidelity);
        Assert.Equal(["read_file", "edit_file"], onOld.Calls.Select(c => c.Tool));
        Assert.Equal("40", onOld.Calls[0].Arguments["start"]);
        Assert.Equal("41", onOld.Calls[0].Arguments["end"]);
    }

    [Theory]
    [InlineData("pip install -e .")]
    [InlineData("python")]
    public void Network_installs_and_interactive_sessions_are_not_expressible(string action)
    {
        var mapping = new ActionMapper().Map(action);

        Assert.Equal(Fidelity.NotExpressible, mapping.Fidelity);
        Assert.Empty(mapping.Calls);
        Assert.NotEmpty(mapping.Why);
    }

    [Fact]
    public void Search_and_navigation_map_onto_search_files_shell_and_ranged_reads()
    {
        var mapper = new ActionMapper();

        var search = mapper.Map("search_dir \"TimeDelta(\" src");
        mapper.Map("open src/fields.py");
        var scroll = mapper.Map("scroll_down");
        var inFile = mapper.Map("search_file precision");

        Assert.Equal(("search_files", @"TimeDelta\(", "src"), (search.Calls[0].Tool, search.Calls[0].Arguments["pattern"], search.Calls[0].Arguments["path"]));
        Assert.Equal(("read_file", "101", "200"), (scroll.Calls[0].Tool, scroll.Calls[0].Arguments["start"], scroll.Calls[0].Arguments["end"]));
        Assert.Equal("grep -n -F -- 'precision' 'src/fields.py'", inFile.Calls[0].Arguments["command"]);
    }
}
