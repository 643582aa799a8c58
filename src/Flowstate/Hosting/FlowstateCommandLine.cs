using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Invocation;
using System.CommandLine.Parsing;
using System.IO;

namespace Flowstate.Hosting;

/// <summary>
/// How every Flowstate command line parses and reports: the <c>flowstate</c> tool and the generated
/// <c>Main</c> of a Flowstate program both run their System.CommandLine command tree through
/// <see cref="Invoke"/>. Exit codes: 0 success, 1 a command failed, 2 usage error. A usage error is
/// printed as "error: ..." lines and "Run '&lt;program&gt; &lt;command&gt; --help' for usage.".
/// </summary>
public static class FlowstateCommandLine
{
    /// <summary>The command did what was asked.</summary>
    public const int Success = 0;

    /// <summary>A file, a machine or the work itself failed; the reason is on standard error.</summary>
    public const int Failure = 1;

    /// <summary>The arguments were wrong; the reason and where to find usage are on standard error.</summary>
    public const int UsageError = 2;

    /// <summary>Parses <paramref name="args"/> against <paramref name="root"/> and runs the chosen command's action.</summary>
    public static int Invoke(Command root, string[] args, TextWriter stdout, TextWriter stderr)
    {
        if (root is null) throw new ArgumentNullException(nameof(root));
        if (args is null) throw new ArgumentNullException(nameof(args));
        // No response files: `run --input @file` reads the execution input from a file, as the AWS CLI's
        // file:// does; System.CommandLine would otherwise expand "@file" into tokens first.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        // `x start --help` shows start's help even though start's required argument is missing: an
        // option's own action (help) takes over, as System.CommandLine intends; errors are reported
        // only when the parser settled on its error action or the command's own action.
        if (parse.Errors.Count > 0 && (parse.Action is null or ParseErrorAction || ReferenceEquals(parse.Action, parse.CommandResult.Command.Action)))
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"error: {TerminalText.Escape(error.Message)}");
            stderr.WriteLine($"Run '{root.Name} {CommandPath(parse)}--help' for usage.");
            return UsageError;
        }
        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // Each command catches what bad input can cause; anything else is a bug and should surface as one.
            EnableDefaultExceptionHandler = true,
        };
        return parse.Invoke(configuration);
    }

    /// <summary>"export " for <c>x export --bogus</c>: the subcommands chosen, each followed by a space; empty at the root.</summary>
    public static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null && r.Parent is not null; r = r.Parent as CommandResult)
            names.Insert(0, r.Command.Name);
        return names.Count == 0 ? "" : string.Join(" ", names) + " ";
    }
}
