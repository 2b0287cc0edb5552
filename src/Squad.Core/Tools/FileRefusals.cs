namespace Squad.Core.Tools;

/// <summary>The one-line reasons the file tools give the model when they refuse a path.</summary>
internal static class FileRefusals
{
    public static ToolException SymbolicLink(string path)
        => new($"path '{path}' goes through a symbolic link: file tools never follow symbolic links");

    public static ToolException Missing(string path) => new($"file '{path}' does not exist");

    public static ToolException MissingFolder(string path) => new($"folder '{path}' does not exist");

    public static ToolException NotAFolder(string path)
        => new($"path '{path}' goes through something that is not a folder (file tools never follow symbolic links)");

    public static ToolException Folder(string path) => new($"'{path}' is a folder, not a file");

    public static ToolException NotAFile(string path, string kind) => new($"'{path}' is {kind}, not a regular file: file tools only read and write regular files");

    public static ToolException HardLinked(string path, uint links)
        => new($"file '{path}' has {links} hard links: file tools refuse hard-linked files, which can be the same file as one outside the repository");

    public static ToolException Mount(string path) => new($"path '{path}' crosses a mount point, which file tools do not do");

    public static ToolException Denied(string path) => new($"access to '{path}' is denied");

    public static ToolException Failed(string path, int errno) => new($"cannot open '{path}' (error {errno})");
}
