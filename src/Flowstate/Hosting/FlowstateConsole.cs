using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace Flowstate.Hosting;

/// <summary>
/// The command line behind the generated entry point (<c>[assembly: FlowstateEntryPoint]</c>):
/// <c>list</c>, <c>export --out DIR</c>, <c>graph</c>. With no command it exports to
/// <c>./flowstate-out</c> and shows what it wrote and each machine's graph.
/// </summary>
public static class FlowstateConsole
{
    private const string DefaultOutDirectory = "flowstate-out";

    /// <summary>Runs a command over <paramref name="machines"/>; returns the process exit code (0 ok, 1 failure, 2 usage).</summary>
    public static int Run(string[] args, IReadOnlyList<StateMachineDefinition> machines)
        => Run(args, machines, Array.Empty<StackDefinition>(), Console.Out, Console.Error);

    /// <summary>Runs a command over <paramref name="machines"/> and their <paramref name="stacks"/> (export also writes each stack's template).</summary>
    public static int Run(string[] args, IReadOnlyList<StateMachineDefinition> machines, IReadOnlyList<StackDefinition> stacks)
        => Run(args, machines, stacks, Console.Out, Console.Error);

    /// <summary>Runs a command, writing to the given streams (used by tests).</summary>
    public static int Run(string[] args, IReadOnlyList<StateMachineDefinition> machines, TextWriter stdout, TextWriter stderr)
        => Run(args, machines, Array.Empty<StackDefinition>(), stdout, stderr);

    /// <summary>Runs a command, writing to the given streams (used by tests).</summary>
    public static int Run(string[] args, IReadOnlyList<StateMachineDefinition> machines, IReadOnlyList<StackDefinition> stacks, TextWriter stdout, TextWriter stderr)
    {
        if (args is null) throw new ArgumentNullException(nameof(args));
        if (machines is null) throw new ArgumentNullException(nameof(machines));
        if (stacks is null) throw new ArgumentNullException(nameof(stacks));
        try
        {
            if (args.Length == 0) return Overview(machines, stacks, stdout, stderr);
            var command = args[0];
            var rest = args.Skip(1).ToArray();
            switch (command)
            {
                case "list": return List(machines, stdout);
                case "export": return Export(rest, machines, stacks, stdout, stderr);
                case "graph": return Graph(rest, machines, stdout, stderr);
                case "help": case "-h": case "--help": Usage(stdout); return 0;
                default:
                    stderr.WriteLine($"error: unknown command '{TerminalText.Escape(command)}'.");
                    Usage(stderr);
                    return 2;
            }
        }
        catch (IOException e)
        {
            stderr.WriteLine($"error: {TerminalText.Escape(e.Message)}");
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            stderr.WriteLine($"error: {TerminalText.Escape(e.Message)}");
            return 1;
        }
    }

    private static void Usage(TextWriter w)
    {
        w.WriteLine("usage:");
        w.WriteLine("  (no command)                     export to ./flowstate-out and show each graph");
        w.WriteLine("  list                             list the state machines of this assembly");
        w.WriteLine("  export --out DIR [--machine N]   write DIR/<name>.asl.json for every (or one) state machine,");
        w.WriteLine("                                   and DIR/<stack>.template.json for every stack (without --machine)");
        w.WriteLine("  graph [NAME] [--format mermaid|dot]   print the state graph");
    }

    private static int Overview(IReadOnlyList<StateMachineDefinition> machines, IReadOnlyList<StackDefinition> stacks, TextWriter stdout, TextWriter stderr)
    {
        if (machines.Count == 0)
        {
            stderr.WriteLine("error: this assembly declares no [StateMachine] class.");
            return 1;
        }
        stdout.WriteLine($"Flowstate: {machines.Count} state machine(s) in this assembly.");
        var dir = Path.GetFullPath(DefaultOutDirectory);
        if (!TemplatesWritable(stacks, stderr) || !WriteAll(machines, dir, stdout, stderr)) return 1;
        WriteTemplates(stacks, dir, stdout);
        foreach (var m in machines)
        {
            var name = TerminalText.Escape(m.Name);
            stdout.WriteLine();
            stdout.WriteLine($"Graph of {name} (Mermaid; paste into any Mermaid viewer, or run 'graph {name} --format dot'):");
            stdout.WriteLine(GraphText(m.MermaidGraph));
        }
        return 0;
    }

    private static int List(IReadOnlyList<StateMachineDefinition> machines, TextWriter stdout)
    {
        foreach (var m in machines)
            stdout.WriteLine($"{TerminalText.Escape(m.Name)}\t{(m.Type == WorkflowType.Express ? "EXPRESS" : "STANDARD")}\t{TerminalText.Escape(m.DeclaringType.FullName)}");
        return 0;
    }

    private static int Export(string[] args, IReadOnlyList<StateMachineDefinition> machines, IReadOnlyList<StackDefinition> stacks, TextWriter stdout, TextWriter stderr)
    {
        string? outDir = null, only = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--out" when i + 1 < args.Length: outDir = args[++i]; break;
                case "--machine" when i + 1 < args.Length: only = args[++i]; break;
                default:
                    stderr.WriteLine($"error: unexpected argument '{TerminalText.Escape(args[i])}' (export --out DIR [--machine NAME]).");
                    return 2;
            }
        }
        if (outDir is null)
        {
            stderr.WriteLine("error: export needs --out DIR.");
            return 2;
        }
        var selected = Select(machines, only, stderr);
        if (selected is null) return 1;
        if (only is null && !TemplatesWritable(stacks, stderr)) return 1;
        if (!WriteAll(selected, Path.GetFullPath(outDir), stdout, stderr)) return 1;
        if (only is null) WriteTemplates(stacks, Path.GetFullPath(outDir), stdout);
        return 0;
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

    private static int Graph(string[] args, IReadOnlyList<StateMachineDefinition> machines, TextWriter stdout, TextWriter stderr)
    {
        string? only = null;
        var format = "mermaid";
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--format" && i + 1 < args.Length) format = args[++i];
            else if (!args[i].StartsWith("-", StringComparison.Ordinal) && only is null) only = args[i];
            else
            {
                stderr.WriteLine($"error: unexpected argument '{TerminalText.Escape(args[i])}' (graph [NAME] [--format mermaid|dot]).");
                return 2;
            }
        }
        if (format != "mermaid" && format != "dot")
        {
            stderr.WriteLine($"error: unknown graph format '{TerminalText.Escape(format)}' (mermaid or dot).");
            return 2;
        }
        var selected = Select(machines, only, stderr);
        if (selected is null) return 1;
        foreach (var m in selected)
            stdout.WriteLine(GraphText(format == "dot" ? m.DotGraph : m.MermaidGraph));
        return 0;
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
