using Flowstate.Core.Asl;
using Flowstate.Cli.Importing;
using Flowstate.Core.Json;

namespace Flowstate.Cli;

/// <summary>One file's import: its C# (null when it failed) and the messages to show, already prefixed with the file.</summary>
public sealed record ImportedMachine(string File, string MachineName, string ClassName, string? Source, IReadOnlyList<string> Messages);

/// <summary>
/// Imports definitions that end up in one project: machine names and class names are unique across
/// the batch (a second "orders" becomes "orders-2" / Orders2), in the order the files come.
/// </summary>
public sealed class BatchImport
{
    private readonly string _namespace;
    private readonly HashSet<string> _machineNames = new(StringComparer.Ordinal);
    // Case-insensitive: the class name is also a file name, and file systems may ignore case.
    private readonly HashSet<string> _classNames = new(StringComparer.OrdinalIgnoreCase);

    public BatchImport(string ns) => _namespace = ns;

    public ImportedMachine Import(string file, string text)
    {
        var messages = new List<string>();
        var machineName = Unique(MachineNames.FromFileName(file), _machineNames, (n, i) => MachineNames.WithSuffix(n, "-" + i));
        var read = AslReader.Read(text, machineName, file);
        if (read.Spec is null)
        {
            var what = JsonReader.Parse(text).Success ? "invalid definition" : "invalid JSON";
            foreach (var d in read.Diagnostics)
            {
                var where = d.Location.IsKnown ? $":{d.Location.StartLine + 1}:{d.Location.StartColumn + 1}" : "";
                messages.Add($"{file}{where}: {what}: {(d.MessageArgs.Count > 0 ? d.MessageArgs[0] : d.Id)}");
            }
            if (messages.Count == 0) messages.Add($"{file}: the definition could not be read");
            return new ImportedMachine(file, machineName, "", null, messages);
        }

        var className = Unique(FileSafeClassName(DslWriter.MachineClassName(machineName)), _classNames, (n, i) => n + i);
        var result = DslWriter.Write(read.Spec, new DslWriterOptions
        {
            Namespace = _namespace,
            ClassName = className,
            HeaderComment = $"Imported from {Path.GetFileName(file)} by flowstate import {FlowstateCli.Version}.",
        });
        foreach (var warning in result.Warnings) messages.Add($"{file}: {warning.Pointer}: warning: {warning.Message}");
        foreach (var error in result.Errors) messages.Add($"{file}: {error.Pointer}: {error.Message}");
        if (!result.Success) _classNames.Remove(className);
        return new ImportedMachine(file, machineName, className, result.Source, messages);
    }

    /// <summary>
    /// The class is written to &lt;ClassName&gt;.cs: a name that would be the project's own Program.cs
    /// (in any case: file systems may ignore it) or a Windows device name (Con.cs opens the console)
    /// gets "StateMachine" appended, as the importer does for the other names it cannot use.
    /// </summary>
    internal static string FileSafeClassName(string className)
        => string.Equals(className, ProjectWriter.ProgramClassName, StringComparison.OrdinalIgnoreCase) || Hosting.ExportFiles.IsWindowsDeviceName(className)
            ? className + "StateMachine"
            : className;

    private static string Unique(string name, HashSet<string> taken, Func<string, int, string> withIndex)
    {
        var candidate = name;
        for (var i = 2; !taken.Add(candidate); i++) candidate = withIndex(name, i);
        return candidate;
    }
}
