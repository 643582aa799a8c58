using System.CommandLine;
using System.Reflection;
using Flowstate.Cli.Commands;
using Flowstate.Hosting;

namespace Flowstate.Cli;

/// <summary>The `flowstate` command line. Exit codes: 0 success, 1 a file or command failed, 2 usage error.</summary>
public static class FlowstateCli
{
    public const int Success = FlowstateCommandLine.Success;
    public const int Failure = FlowstateCommandLine.Failure;
    public const int UsageError = FlowstateCommandLine.UsageError;

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

        // Parsed, reported and invoked the way a Flowstate program's generated Main is (Flowstate.Hosting).
        return FlowstateCommandLine.Invoke(root, args, stdout, stderr);
    }

    private static IEnumerable<Command> Commands(TextWriter stdout, TextWriter stderr)
    {
        yield return ImportCommand.Create(stdout, stderr);
        yield return ValidateCommand.Create(stdout, stderr);
        yield return RunCommand.Create(stdout, stderr);
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
