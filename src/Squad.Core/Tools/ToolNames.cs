namespace Squad.Core.Tools;

/// <summary>The tools the runtime knows; role definitions may only name these.</summary>
public static class ToolNames
{
    public const string ReadFile = "read_file";
    public const string ListFiles = "list_files";
    public const string SearchFiles = "search_files";
    public const string WriteFile = "write_file";
    public const string EditFile = "edit_file";
    public const string RunCommand = "run_command";
    public const string Commit = "commit";
    public const string Comment = "comment";
    public const string SubmitReview = "submit_review";
    public const string SubmitDiagnosis = "submit_diagnosis";
    public const string Shell = "shell";
    public const string DeleteFile = "delete_file";
    public const string MoveFile = "move_file";
    public const string Finish = "finish";

    public static IReadOnlySet<string> All { get; } = new HashSet<string>(
        [ReadFile, ListFiles, SearchFiles, WriteFile, EditFile, RunCommand, Commit, Comment, SubmitReview, SubmitDiagnosis, Shell, DeleteFile, MoveFile, Finish], StringComparer.Ordinal);

    /// <summary>
    /// Tools that change the repository; a read-only role never has them. <see cref="Shell"/> is not one: a read-only
    /// role's shell runs in its throwaway copy, never in the tree it reads.
    /// </summary>
    /// <summary>Tools that end a pass: once one of them succeeds, the pass is over.</summary>
    public static IReadOnlySet<string> Finishing { get; } = new HashSet<string>([Finish, SubmitReview, SubmitDiagnosis], StringComparer.Ordinal);

    public static IReadOnlySet<string> Writes { get; } = new HashSet<string>([WriteFile, EditFile, Commit, DeleteFile, MoveFile], StringComparer.Ordinal);
}
