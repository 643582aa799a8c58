using System;
using System.Collections.Generic;
using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;

namespace Flowstate.Hosting;

/// <summary>
/// The command line behind the generated entry point (<c>[assembly: FlowstateEntryPoint]</c>):
/// <c>list</c>, <c>export --out DIR</c>, <c>graph</c>, and the commands of the
/// <see cref="IFlowstateCommandModule"/>s the program references. With no command it exports to
/// <c>./flowstate-out</c> and shows what it wrote and each machine's graph. Parsed with
/// System.CommandLine through <see cref="FlowstateCommandLine"/>, as the <c>flowstate</c> tool is.
/// </summary>
public static class FlowstateConsole
{
    private const string DefaultOutDirectory = "flowstate-out";
    private const int BuiltInCommands = 3; // list, export, graph

    private static readonly IFlowstateCommandModule[] NoModules = Array.Empty<IFlowstateCommandModule>();
    private static readonly StackDefinition[] NoStacks = Array.Empty<StackDefinition>();

    /// <summary>Runs a command over <paramref name="machines"/>; returns the process exit code (0 ok, 1 failure, 2 usage).</summary>
    public static int Run(string[] args, IReadOnlyList<StateMachineDefinition> machines)
        => Run(args, machines, NoStacks, NoModules, Console.Out, Console.Error);

    /// <summary>Runs a command over <paramref name="machines"/> and their <paramref name="stacks"/> (export also writes each stack's template).</summary>
    public static int Run(string[] args, IReadOnlyList<StateMachineDefinition> machines, IReadOnlyList<StackDefinition> stacks)
        => Run(args, machines, stacks, NoModules, Console.Out, Console.Error);

    /// <summary>Runs a command with the commands of <paramref name="modules"/> too (the generated Main when the program references modules).</summary>
    public static int Run(string[] args, IReadOnlyList<StateMachineDefinition> machines, IReadOnlyList<StackDefinition> stacks, IReadOnlyList<IFlowstateCommandModule> modules)
        => Run(args, machines, stacks, modules, Console.Out, Console.Error);

    /// <summary>Runs a command, writing to the given streams (used by tests).</summary>
    public static int Run(string[] args, IReadOnlyList<StateMachineDefinition> machines, TextWriter stdout, TextWriter stderr)
        => Run(args, machines, NoStacks, NoModules, stdout, stderr);

    /// <summary>Runs a command, writing to the given streams (used by tests).</summary>
    public static int Run(string[] args, IReadOnlyList<StateMachineDefinition> machines, IReadOnlyList<StackDefinition> stacks, TextWriter stdout, TextWriter stderr)
        => Run(args, machines, stacks, NoModules, stdout, stderr);

    /// <summary>Runs a command with the commands of <paramref name="modules"/>, writing to the given streams (used by tests).</summary>
    public static int Run(string[] args, IReadOnlyList<StateMachineDefinition> machines, IReadOnlyList<IFlowstateCommandModule> modules, TextWriter stdout, TextWriter stderr)
        => Run(args, machines, NoStacks, modules, stdout, stderr);

    /// <summary>Runs a command with stacks and modules, writing to the given streams.</summary>
    public static int Run(string[] args, IReadOnlyList<StateMachineDefinition> machines, IReadOnlyList<StackDefinition> stacks, IReadOnlyList<IFlowstateCommandModule> modules, TextWriter stdout, TextWriter stderr)
    {
        if (args is null) throw new ArgumentNullException(nameof(args));
        if (machines is null) throw new ArgumentNullException(nameof(machines));
        if (stacks is null) throw new ArgumentNullException(nameof(stacks));
        if (modules is null) throw new ArgumentNullException(nameof(modules));
        if (stdout is null) throw new ArgumentNullException(nameof(stdout));
        if (stderr is null) throw new ArgumentNullException(nameof(stderr));

        var programName = Assembly.GetEntryAssembly()?.GetName().Name ?? "flowstate-program";
        var root = new Command(programName, "The state machines of this program: list, export, graph.");
        var help = new HelpOption();
        help.Action = new RootUsageAction(root, (HelpAction)help.Action!);
        root.Add(help);
        root.SetAction(_ => Guarded(stderr, () => Overview(machines, stacks, stdout, stderr)));
        root.Add(ListCommand(machines, stdout, stderr));
        root.Add(ExportCommand(machines, stacks, stdout, stderr));
        root.Add(GraphCommand(machines, stdout, stderr));

        var context = new FlowstateCommandContext(programName, machines, stacks, stdout, stderr);
        foreach (var module in modules)
        {
            foreach (var command in module.CreateCommands(context) ?? Enumerable.Empty<Command>())
            {
                if (root.Subcommands.Any(c => string.Equals(c.Name, command.Name, StringComparison.Ordinal)))
                {
                    stderr.WriteLine($"error: two commands are named '{TerminalText.Escape(command.Name)}' (the second from {module.GetType().FullName}); this program's references conflict.");
                    return FlowstateCommandLine.Failure;
                }
                root.Add(command);
            }
        }

        // "help" as a word, and an unknown first word, answer with the usage (as this program always did).
        if (args.Length > 0 && args[0] == "help")
        {
            Usage(root, stdout);
            return FlowstateCommandLine.Success;
        }
        if (args.Length > 0 && !args[0].StartsWith("-", StringComparison.Ordinal) && !root.Subcommands.Any(c => c.Name == args[0] || c.Aliases.Contains(args[0])))
        {
            stderr.WriteLine($"error: unknown command '{TerminalText.Escape(args[0])}'.");
            Usage(root, stderr);
            return FlowstateCommandLine.UsageError;
        }
        return FlowstateCommandLine.Invoke(root, args, stdout, stderr);
    }

    private static Command ListCommand(IReadOnlyList<StateMachineDefinition> machines, TextWriter stdout, TextWriter stderr)
    {
        var command = new Command("list", "List the state machines of this assembly: name, workflow type, class.");
        command.SetAction(_ => Guarded(stderr, () =>
        {
            foreach (var m in machines)
                stdout.WriteLine($"{TerminalText.Escape(m.Name)}\t{(m.Type == WorkflowType.Express ? "EXPRESS" : "STANDARD")}\t{TerminalText.Escape(m.DeclaringType.FullName)}");
            return FlowstateCommandLine.Success;
        }));
        return command;
    }

    private static Command ExportCommand(IReadOnlyList<StateMachineDefinition> machines, IReadOnlyList<StackDefinition> stacks, TextWriter stdout, TextWriter stderr)
    {
        var outOption = new Option<string>("--out") { Description = "The directory to write <name>.asl.json files into (created if missing).", HelpName = "DIR" };
        var machineOption = new Option<string>("--machine") { Description = "Export only the state machine of this name.", HelpName = "NAME" };
        var command = new Command("export", "Write DIR/<name>.asl.json for every (or one) state machine, and DIR/<stack>.template.json for every stack (without --machine).") { outOption, machineOption };
        command.SetAction(parse => Guarded(stderr, () =>
        {
            var outDir = parse.GetValue(outOption);
            if (outDir is null)
            {
                stderr.WriteLine("error: export needs --out DIR.");
                return FlowstateCommandLine.UsageError;
            }
            var only = parse.GetValue(machineOption);
            var selected = Select(machines, only, stderr);
            if (selected is null) return FlowstateCommandLine.Failure;
            if (only is null && !TemplatesWritable(stacks, stderr)) return FlowstateCommandLine.Failure;
            if (!WriteAll(selected, Path.GetFullPath(outDir), stdout, stderr)) return FlowstateCommandLine.Failure;
            if (only is null) WriteTemplates(stacks, Path.GetFullPath(outDir), stdout);
            return FlowstateCommandLine.Success;
        }));
        return command;
    }

    private static Command GraphCommand(IReadOnlyList<StateMachineDefinition> machines, TextWriter stdout, TextWriter stderr)
    {
        var nameArgument = new Argument<string?>("NAME") { Description = "The state machine to show (default: every one).", Arity = ArgumentArity.ZeroOrOne };
        var formatOption = new Option<string>("--format") { Description = "mermaid (default) or dot.", HelpName = "mermaid|dot" };
        var command = new Command("graph", "Print the state graph of every (or one) state machine.") { nameArgument, formatOption };
        command.SetAction(parse => Guarded(stderr, () =>
        {
            var format = parse.GetValue(formatOption) ?? "mermaid";
            if (format != "mermaid" && format != "dot")
            {
                stderr.WriteLine($"error: unknown graph format '{TerminalText.Escape(format)}' (mermaid or dot).");
                return FlowstateCommandLine.UsageError;
            }
            var selected = Select(machines, parse.GetValue(nameArgument), stderr);
            if (selected is null) return FlowstateCommandLine.Failure;
            foreach (var m in selected)
                stdout.WriteLine(GraphText(format == "dot" ? m.DotGraph : m.MermaidGraph));
            return FlowstateCommandLine.Success;
        }));
        return command;
    }

    /// <summary>File system failures are the user's to fix (a path, a permission): one line, exit 1, no stack trace.</summary>
    private static int Guarded(TextWriter stderr, Func<int> run)
    {
        try
        {
            return run();
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: {TerminalText.Escape(e.Message)}");
            return FlowstateCommandLine.Failure;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"error: {TerminalText.Escape(e.Message)}");
            return FlowstateCommandLine.Failure;
        }
    }

    private static void Usage(Command root, TextWriter w)
    {
        w.WriteLine("usage:");
        w.WriteLine("  (no command)                     export to ./flowstate-out and show each graph");
        w.WriteLine("  list                             list the state machines of this assembly");
        w.WriteLine("  export --out DIR [--machine N]   write DIR/<name>.asl.json for every (or one) state machine,");
        w.WriteLine("                                   and DIR/<stack>.template.json for every stack (without --machine)");
        w.WriteLine("  graph [NAME] [--format mermaid|dot]   print the state graph");
        foreach (var command in root.Subcommands.Skip(BuiltInCommands))
            w.WriteLine($"  {TerminalText.Escape(command.Name),-32} {TerminalText.Escape(command.Description)}");
        w.WriteLine($"Run '{root.Name} <command> --help' for the options of a command.");
    }

    /// <summary>--help at the root prints the usage above; a command's --help is System.CommandLine's.</summary>
    private sealed class RootUsageAction : SynchronousCommandLineAction
    {
        private readonly Command _root;
        private readonly HelpAction _commandHelp;

        public RootUsageAction(Command root, HelpAction commandHelp)
        {
            _root = root;
            _commandHelp = commandHelp;
        }

        public override int Invoke(ParseResult parseResult)
        {
            if (parseResult.CommandResult.Command != _root) return _commandHelp.Invoke(parseResult);
            Usage(_root, parseResult.InvocationConfiguration.Output);
            return FlowstateCommandLine.Success;
        }
    }

    private static int Overview(IReadOnlyList<StateMachineDefinition> machines, IReadOnlyList<StackDefinition> stacks, TextWriter stdout, TextWriter stderr)
    {
        if (machines.Count == 0)
        {
            stderr.WriteLine("error: this assembly declares no [StateMachine] class.");
            return FlowstateCommandLine.Failure;
        }
        stdout.WriteLine($"Flowstate: {machines.Count} state machine(s) in this assembly.");
        var dir = Path.GetFullPath(DefaultOutDirectory);
        if (!TemplatesWritable(stacks, stderr) || !WriteAll(machines, dir, stdout, stderr)) return FlowstateCommandLine.Failure;
        WriteTemplates(stacks, dir, stdout);
        foreach (var m in machines)
        {
            var name = TerminalText.Escape(m.Name);
            stdout.WriteLine();
            stdout.WriteLine($"Graph of {name} (Mermaid; paste into any Mermaid viewer, or run 'graph {name} --format dot'):");
            stdout.WriteLine(GraphText(m.MermaidGraph));
        }
        return FlowstateCommandLine.Success;
    }

    /// <summary>Stack names are checked like machine names (<see cref="ExportFiles.FileNameProblem"/>) before anything is written.</summary>
    private static bool TemplatesWritable(IReadOnlyList<StackDefinition> stacks, TextWriter stderr)
    {
        var ok = true;
        foreach (var stack in stacks)
        {
            if (ExportFiles.FileNameProblem(stack.Name) is not { } problem) continue;
            stderr.WriteLine($"error: cannot export the template of stack '{TerminalText.Escape(stack.Name)}': its name {problem}.");
            ok = false;
        }
        if (!ok) stderr.WriteLine("error: nothing was written.");
        return ok;
    }

    private static void WriteTemplates(IReadOnlyList<StackDefinition> stacks, string dir, TextWriter stdout)
    {
        Directory.CreateDirectory(dir);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var stack in stacks)
        {
            var file = Path.Combine(dir, stack.Name + ".template.json");
            File.WriteAllText(file, stack.TemplateJson, utf8);
            stdout.WriteLine($"wrote {TerminalText.Escape(file)}");
        }
    }

    /// <summary>Writes every machine's file, or none when any name is unsafe or two names collide (<see cref="ExportFiles"/>).</summary>
    private static bool WriteAll(IReadOnlyList<StateMachineDefinition> machines, string dir, TextWriter stdout, TextWriter stderr)
    {
        var files = ExportFiles.Plan(machines, dir, out var problems);
        if (problems.Count > 0)
        {
            foreach (var problem in problems) stderr.WriteLine("error: " + problem);
            stderr.WriteLine("error: nothing was written.");
            return false;
        }
        Directory.CreateDirectory(dir);
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        foreach (var file in files)
        {
            File.WriteAllText(file.Path, file.Machine.AslJson, utf8);
            stdout.WriteLine($"wrote {TerminalText.Escape(file.Path)}");
        }
        return true;
    }

    // A graph is printed line by line with each line's control characters escaped: a state name may hold any.
    private static string GraphText(string graph)
        => string.Join("\n", graph.TrimEnd('\n').Split('\n').Select(TerminalText.Escape));

    private static IReadOnlyList<StateMachineDefinition>? Select(IReadOnlyList<StateMachineDefinition> machines, string? name, TextWriter stderr)
    {
        if (name is null) return machines;
        var found = machines.Where(m => string.Equals(m.Name, name, StringComparison.Ordinal)).ToArray();
        if (found.Length == 0)
        {
            stderr.WriteLine($"error: no state machine named '{TerminalText.Escape(name)}'. Known: {string.Join(", ", machines.Select(m => TerminalText.Escape(m.Name)))}.");
            return null;
        }
        return found;
    }
}
