using System;
using System.Globalization;
using System.IO;
using Flowstate.Deploy.Aws;
using Spectre.Console;

namespace Flowstate.Deploy;

/// <summary>
/// Progress and questions. In a terminal, stack events are coloured per status (Spectre.Console);
/// redirected (CI, a file, --output json) they are plain lines with the same words.
/// </summary>
internal sealed class ConsoleUi : IDeployUi
{
    private readonly TextWriter _out;
    private readonly TextReader _in;
    private readonly Secrets _secrets;
    private readonly IAnsiConsole? _ansi;

    public ConsoleUi(TextWriter output, TextReader input, bool interactive, Secrets secrets)
    {
        _out = output;
        _in = input;
        _secrets = secrets;
        IsInteractive = interactive;
        if (interactive)
            _ansi = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output), Ansi = AnsiSupport.Detect, ColorSystem = ColorSystemSupport.Detect });
    }

    public bool IsInteractive { get; }

    public void Info(string line) => Write(line, null);

    public void Warn(string line) => Write(line, "yellow");

    public void StackEvent(StackEvent e)
    {
        var time = e.Timestamp?.UtcDateTime.ToString("HH:mm:ss", CultureInfo.InvariantCulture) ?? "--:--:--";
        var text = $"  {time}  {e.ResourceStatus,-28} {e.ResourceType,-40} {e.LogicalResourceId}"
                   + (string.IsNullOrEmpty(e.ResourceStatusReason) ? "" : "  " + e.ResourceStatusReason);
        var colour = e.ResourceStatus switch
        {
            { } s when s.EndsWith("_FAILED", StringComparison.Ordinal) || s.Contains("ROLLBACK", StringComparison.Ordinal) => "red",
            { } s when s.EndsWith("_COMPLETE", StringComparison.Ordinal) => "green",
            _ => "grey",
        };
        Write(text, colour);
    }

    public bool Confirm(string question)
    {
        Write(question + " [y/N] ", "yellow", newline: false);
        var answer = _in.ReadLine()?.Trim();
        return answer is not null && (answer.Equals("y", StringComparison.OrdinalIgnoreCase) || answer.Equals("yes", StringComparison.OrdinalIgnoreCase));
    }

    private void Write(string line, string? colour, bool newline = true)
    {
        line = _secrets.Redact(line);
        if (_ansi is not null && colour is not null)
        {
            var markup = $"[{colour}]{Markup.Escape(line)}[/]";
            if (newline) _ansi.MarkupLine(markup); else _ansi.Markup(markup);
            return;
        }
        if (newline) _out.WriteLine(line); else _out.Write(line);
        _out.Flush();
    }
}
