using Squad.Core;

namespace Squad.Cli;

/// <summary>
/// Completion scripts for bash, zsh, fish and PowerShell. Each asks <c>squad</c> itself through System.CommandLine's
/// <c>[suggest:POSITION]</c> directive, so completions always match the installed version's commands and options.
/// </summary>
internal static class ShellCompletion
{
    public static readonly IReadOnlyList<string> Shells = ["bash", "zsh", "fish", "powershell"];

    /// <exception cref="SquadException">An unknown shell (<see cref="SquadErrorCode.InvalidInput"/>).</exception>
    public static string Script(string shell) => shell switch
    {
        "bash" => """
            # squad completion for bash: add to ~/.bashrc:  source <(squad completion bash)
            _squad_complete() {
              local IFS=$'\n'
              local candidates
              candidates=$(squad "[suggest:${COMP_POINT}]" "${COMP_LINE}" 2>/dev/null)
              COMPREPLY=($(compgen -W "${candidates}" -- "${COMP_WORDS[COMP_CWORD]}"))
            }
            complete -o default -F _squad_complete squad

            """,
        "zsh" => """
            # squad completion for zsh: add to ~/.zshrc:  source <(squad completion zsh)
            _squad_complete() {
              local -a candidates
              candidates=("${(@f)$(squad "[suggest:${#BUFFER}]" "${BUFFER}" 2>/dev/null)}")
              compadd -- "${candidates[@]}"
            }
            compdef _squad_complete squad

            """,
        "fish" => """
            # squad completion for fish: squad completion fish > ~/.config/fish/completions/squad.fish
            function __squad_complete
                set -l line (commandline -cp)
                squad "[suggest:"(string length -- "$line")"]" "$line" 2>/dev/null
            end
            complete -c squad -f -a '(__squad_complete)'

            """,
        "powershell" => """
            # squad completion for PowerShell: add to $PROFILE:  squad completion powershell | Out-String | Invoke-Expression
            Register-ArgumentCompleter -Native -CommandName squad -ScriptBlock {
                param($wordToComplete, $commandAst, $cursorPosition)
                squad "[suggest:$cursorPosition]" "$commandAst" 2>$null | ForEach-Object {
                    [System.Management.Automation.CompletionResult]::new($_, $_, 'ParameterValue', $_)
                }
            }

            """,
        _ => throw new SquadException(SquadErrorCode.InvalidInput, $"no completion for the shell '{shell}': name one of {string.Join(", ", Shells)}"),
    };
}
