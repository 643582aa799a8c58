using System.CommandLine;
using System.Reflection;
using Flowstate.Cli.Commands;

namespace Flowstate.Cli;

/// <summary>The `flowstate` command line. Exit codes: 0 success, 1 a file or command failed, 2 usage error.</summary>
public static class FlowstateCli
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    /// <summary>Runs the command line with the given output streams (tests pass StringWriters).</summary>
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // Not RootCommand: it names itself after the executable (Flowstate.Cli), but the command is `flowstate`.
        var root = new Command("flowstate", "Flowstate: AWS Step Functions state machines as C#.")
        {
            new System.CommandLine.Help.HelpOption(),
            // The default prints the entry assembly's version, which is the host's when run in-process.
            new VersionOption { Action = new PrintVersion() },
        };
        // Each command registers itself here; `validate` joins `import` the same way.
        foreach (var command in Commands(stdout, stderr)) root.Add(command);

        // No response files: `run --input @file` reads the execution input from a file, as the AWS CLI's
        // file:// does; System.CommandLine would otherwise expand "@file" into tokens first.
        var parse = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors) stderr.WriteLine($"error: {error.Message}");
            stderr.WriteLine($"Run 'flowstate {CommandPath(parse)}--help' for usage.");
            return UsageError;
        }
        var configuration = new InvocationConfiguration
        {
            Output = stdout,
            Error = stderr,
            // Every command catches what bad input can cause; anything else is a bug and should surface as one.
            EnableDefaultExceptionHandler = true,
        };
        return parse.Invoke(configuration);
    }

    private static IEnumerable<Command> Commands(TextWriter stdout, TextWriter stderr)
    {
        yield return ImportCommand.Create(stdout, stderr);
        yield return ValidateCommand.Create(stdout, stderr);
        yield return RunCommand.Create(stdout, stderr);
    }

    private static string CommandPath(ParseResult parse)
    {
        var names = new List<string>();
        for (var r = parse.CommandResult; r is not null && r.Parent is not null; r = r.Parent as System.CommandLine.Parsing.CommandResult)
            names.Insert(0, r.Command.Name);
        return names.Count == 0 ? "" : string.Join(" ", names) + " ";
    }

    /// <summary>The tool's version without build metadata ("0.1.0"), which is also the Flowstate package version it pairs with.</summary>
    public static string Version
    {
        get
        {
            var informational = typeof(FlowstateCli).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion;
            var version = informational ?? typeof(FlowstateCli).Assembly.GetName().Version?.ToString(3) ?? "0.0.0";
            var plus = version.IndexOf('+');
            return plus >= 0 ? version.Substring(0, plus) : version;
        }
    }

    private sealed class PrintVersion : System.CommandLine.Invocation.SynchronousCommandLineAction
    {
        public override int Invoke(ParseResult parseResult)
        {
            parseResult.InvocationConfiguration.Output.WriteLine(Version);
            return Success;
        }
    }
}
