using System.CommandLine;
using Flowstate.Local.Hosting;

namespace Flowstate.Cli.Commands;

/// <summary>
/// <c>flowstate run FILE.asl.json [--input JSON|@file] [--mock-config FILE --test-case NAME] [--trace]</c>:
/// runs the definition in process with Flowstate.Local (virtual time) and prints one JSON object.
/// In a mock config the machine is found under the file's name without .asl.json, the name
/// <c>import</c> gives it. Exit 0 SUCCEEDED, 1 FAILED/TIMED_OUT, 2 cannot run.
/// </summary>
public static class RunCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var file = new Argument<string>("file") { Description = "The ASL definition to run (*.asl.json)." };
        var input = new Option<string?>("--input") { Description = "The execution input: JSON text, or @FILE to read it from a file. Default {}." };
        var mockConfig = new Option<string?>("--mock-config") { Description = "A Step Functions Local MockConfigFile.json that serves the Task states." };
        var testCase = new Option<string?>("--test-case") { Description = "The test case of the mock config to use." };
        var trace = new Option<bool>("--trace") { Description = "Also print the history events (\"trace\"), the state transitions and the virtual duration." };
        var command = new Command("run", "Run a state machine locally, in process and in virtual time (a day-long Wait takes no time).")
        {
            file, input, mockConfig, testCase, trace,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file)!;
            if (!InputFiles.TryRead(path, out var text, out var error))
            {
                stderr.WriteLine($"error: cannot run: {error.Describe(path)}");
                return LocalRunCommand.CannotRun;
            }
            return LocalRunCommand.Execute(text, MachineName(path),
                new LocalRunRequest(parse.GetValue(input), parse.GetValue(mockConfig), parse.GetValue(testCase), parse.GetValue(trace)), stdout, stderr);
        });
        return command;
    }

    /// <summary>The machine's name in a mock config: the file name without .asl.json (or .json).</summary>
    public static string MachineName(string path)
    {
        var name = Path.GetFileName(path);
        foreach (var suffix in new[] { ".asl.json", ".json" })
            if (name.EndsWith(suffix, StringComparison.OrdinalIgnoreCase)) return name.Substring(0, name.Length - suffix.Length);
        return name;
    }
}
