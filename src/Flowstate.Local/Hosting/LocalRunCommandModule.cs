using System.CommandLine;
using Flowstate.Hosting;

// Any project that references Flowstate.Local gets `run` in its generated Main: the generator finds
// this declaration on the referenced assembly (src/Flowstate/Hosting, docs/design.md "Command line").
[assembly: FlowstateCommandModule(typeof(Flowstate.Local.Hosting.LocalRunCommandModule))]

namespace Flowstate.Local.Hosting;

/// <summary>
/// <c>run MACHINE [--input JSON|@file] [--mock-config FILE --test-case NAME] [--trace]</c> in the
/// generated <c>Main</c>: runs one of the program's state machines in process, in virtual time, and
/// prints the same JSON object as <c>flowstate run</c> (exit 0 SUCCEEDED, 1 FAILED/TIMED_OUT, 2 cannot
/// run). In a mock config the machine is found under its name. The program's command line parses
/// without response files, so <c>--input @file.json</c> reads the file here.
/// </summary>
public sealed class LocalRunCommandModule : IFlowstateCommandModule
{
    /// <inheritdoc/>
    public IEnumerable<Command> CreateCommands(FlowstateCommandContext context)
    {
        if (context is null) throw new ArgumentNullException(nameof(context));
        var machine = new Argument<string>("MACHINE") { Description = "The state machine to run (its name, as `list` shows it)." };
        var input = new Option<string?>("--input") { Description = "The execution input: JSON text, or @FILE to read it from a file. Default {}.", HelpName = "JSON|@file" };
        var mockConfig = new Option<string?>("--mock-config") { Description = "A Step Functions Local MockConfigFile.json that serves the Task states.", HelpName = "FILE" };
        var testCase = new Option<string?>("--test-case") { Description = "The test case of the mock config to use.", HelpName = "NAME" };
        var trace = new Option<bool>("--trace") { Description = "Also print the history events (\"trace\"), the state transitions and the virtual duration." };
        var command = new Command("run", "Run a state machine locally, in process and in virtual time (a day-long Wait takes no time).")
        {
            machine, input, mockConfig, testCase, trace,
        };
        command.SetAction(parse =>
        {
            var name = parse.GetValue(machine)!;
            var definition = context.Machines.FirstOrDefault(m => string.Equals(m.Name, name, StringComparison.Ordinal));
            if (definition is null)
            {
                context.Error.WriteLine($"error: cannot run: this program has no state machine '{TerminalText.Escape(name)}' (it has: {string.Join(", ", context.Machines.Select(m => TerminalText.Escape(m.Name)))}).");
                return LocalRunCommand.CannotRun;
            }
            return LocalRunCommand.Execute(definition.AslJson, definition.Name,
                new LocalRunRequest(parse.GetValue(input), parse.GetValue(mockConfig), parse.GetValue(testCase), parse.GetValue(trace)), context.Out, context.Error);
        });
        return new[] { command };
    }
}
