using System.CommandLine;
using System.Text;
using Flowstate.Cli.Importing;
using Flowstate.Hosting;

namespace Flowstate.Cli.Commands;

/// <summary>
/// <c>flowstate import FILE.asl.json... --out DIR [--project] [--flowstate-source REPO_ROOT] [--namespace NS]</c>:
/// one C# file per definition, each a [StateMachine] class the generator turns back into the same ASL.
/// </summary>
public static class ImportCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "ASL definitions to import (*.asl.json or *.json); the file name, without extension, becomes the state machine's name.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "Directory to write the C# files to (created if needed).",
            Required = true,
        };
        var project = new Option<bool>("--project")
        {
            Description = "Also write DIR/<DirName>.csproj and Program.cs: an executable whose 'export --out OUT' writes the ASL back.",
        };
        var source = new Option<string?>("--flowstate-source")
        {
            Description = "With --project: reference Flowstate from this repository checkout (project references) instead of the NuGet packages.",
        };
        var ns = new Option<string?>("--namespace")
        {
            Description = "Namespace of the classes (default: the output directory's name in PascalCase).",
        };

        var command = new Command("import", "Import Amazon States Language definitions as Flowstate C# classes.")
        {
            files, output, project, source, ns,
        };
        command.SetAction(parse => new ImportRunner(stdout, stderr).Run(new ImportOptions(
            parse.GetValue(files) ?? Array.Empty<string>(),
            parse.GetValue(output)!,
            parse.GetValue(project),
            parse.GetValue(source),
            parse.GetValue(ns))));
        return command;
    }
}

/// <summary>What `flowstate import` was asked to do.</summary>
public sealed record ImportOptions(IReadOnlyList<string> Files, string OutputDirectory, bool Project, string? FlowstateSource, string? Namespace);

/// <summary>Imports a batch of ASL files: each file succeeds or fails on its own; the exit code says whether all succeeded.</summary>
public sealed class ImportRunner
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    public ImportRunner(TextWriter stdout, TextWriter stderr)
    {
        _stdout = stdout;
        _stderr = stderr;
    }

    public int Run(ImportOptions options)
    {
        if (options.Files.Count == 0) return Usage("import needs at least one ASL file.");
        if (InputFiles.UnknownOption(options.Files) is { } unknown) return Usage($"unknown option '{unknown}'.");
        if (string.IsNullOrWhiteSpace(options.OutputDirectory)) return Usage("--out needs a directory.");
        if (options.Namespace is not null && !CSharpNames.IsValidNamespace(options.Namespace))
            return Usage($"--namespace '{options.Namespace}' is not a valid C# namespace (dotted identifiers such as Acme.Workflows).");
        if (options.FlowstateSource is not null && !options.Project)
            return Usage("--flowstate-source only applies with --project.");

        string? sourceRoot = null;
        if (options.FlowstateSource is not null)
        {
            sourceRoot = Path.GetFullPath(options.FlowstateSource);
            foreach (var required in new[] { ProjectWriter.FlowstateProject, ProjectWriter.GeneratorProject })
            {
                if (!File.Exists(Path.Combine(sourceRoot, required)))
                    return Usage($"--flowstate-source '{options.FlowstateSource}' is not a Flowstate checkout: {required} is missing.");
            }
        }

        var outDir = Path.GetFullPath(options.OutputDirectory);
        var dirName = Path.GetFileName(outDir.TrimEnd(Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar));
        var ns = options.Namespace ?? DefaultNamespace(dirName);
        try
        {
            Directory.CreateDirectory(outDir);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            _stderr.WriteLine(TerminalText.Escape($"error: cannot create the output directory '{options.OutputDirectory}': {e.Message}"));
            return FlowstateCli.Failure;
        }

        var failed = false;
        var batch = new BatchImport(ns);
        foreach (var file in options.Files)
        {
            if (!ImportFile(file, outDir, batch)) failed = true;
        }

        if (options.Project)
        {
            try
            {
                var result = ProjectWriter.Write(outDir, dirName, ns, sourceRoot, FlowstateCli.Version);
                foreach (var written in result.Written) _stdout.WriteLine(TerminalText.Escape($"wrote {written}"));
                foreach (var warning in result.Warnings) _stderr.WriteLine(TerminalText.Escape($"warning: {warning}"));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                _stderr.WriteLine(TerminalText.Escape($"error: cannot write the project in '{outDir}': {e.Message}"));
                failed = true;
            }
        }
        return failed ? FlowstateCli.Failure : FlowstateCli.Success;
    }

    private bool ImportFile(string file, string outDir, BatchImport batch)
    {
        if (!InputFiles.TryRead(file, out var text, out var error))
        {
            _stderr.WriteLine(error.Describe(file));
            return false;
        }

        var imported = batch.Import(file, text);
        foreach (var message in imported.Messages) _stderr.WriteLine(TerminalText.Escape(message));
        if (imported.Source is null) return false;

        var target = Path.Combine(outDir, imported.ClassName + ".cs");
        try
        {
            File.WriteAllText(target, imported.Source, Utf8);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            _stderr.WriteLine(TerminalText.Escape($"{file}: cannot write '{target}': {e.Message}"));
            return false;
        }
        _stdout.WriteLine(TerminalText.Escape($"wrote {target} ({imported.MachineName})"));
        return true;
    }

    private int Usage(string message)
    {
        _stderr.WriteLine(TerminalText.Escape($"error: {message}"));
        _stderr.WriteLine("Run 'flowstate import --help' for usage.");
        return FlowstateCli.UsageError;
    }

    private static string DefaultNamespace(string dirName)
    {
        var ns = CSharpNames.ToPascalIdentifier(dirName, fallback: "StateMachines", prefixForDigit: "N");
        return CSharpNames.IsValidNamespace(ns) ? ns : "StateMachines";
    }
}
