using System.CommandLine;
using System.Globalization;
using System.Text;
using Flowstate.Core.Asl;
using Flowstate.Core.Diagnostics;
using Flowstate.Core.Json;
using Flowstate.Core.Model;
using Flowstate.Core.Validation;
using Flowstate.Hosting;
using Microsoft.CodeAnalysis;

namespace Flowstate.Cli.Commands;

/// <summary>
/// <c>flowstate validate FILE.asl.json... [--format text|json] [--min-severity info|warning|error]
/// [--warnaserror] [--type standard|express]</c>: the same rules the analyzers run on C# (SpecValidator),
/// on ASL files as written. Text output is one line per finding,
/// <c>FILE:LINE:COL: severity FLOWnnnn: message</c> (one-based, the GCC/MSBuild shape editors turn
/// into links), sorted by file then position, and a summary line. Exit code 1 when any error is
/// reported (or a file cannot be read), else 0; 2 for usage errors.
/// </summary>
public static class ValidateCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var files = new Argument<string[]>("files")
        {
            Description = "ASL definitions to validate (*.asl.json or *.json).",
            Arity = ArgumentArity.OneOrMore,
        };
        var format = new Option<string>("--format")
        {
            Description = "Output format: 'text' (one line per finding, FILE:LINE:COL: severity ID: message) or 'json' (for tools).",
            DefaultValueFactory = _ => "text",
        };
        format.AcceptOnlyFromAmong("text", "json");
        var minSeverity = new Option<string>("--min-severity")
        {
            Description = "Report only findings at least this severe: 'info' (everything), 'warning' or 'error'.",
            DefaultValueFactory = _ => "info",
        };
        minSeverity.AcceptOnlyFromAmong("info", "warning", "error");
        var warnAsError = new Option<bool>("--warnaserror")
        {
            Description = "Report warnings as errors (and exit with 1 when there is any).",
        };
        var type = new Option<string>("--type")
        {
            Description = "The workflow type the definitions are deployed as: 'standard' or 'express' (express enables the Express-only checks).",
            DefaultValueFactory = _ => "standard",
        };
        type.AcceptOnlyFromAmong("standard", "express");

        var command = new Command("validate", "Check Amazon States Language definitions with Flowstate's rules (the FLOW diagnostics).")
        {
            files, format, minSeverity, warnAsError, type,
        };
        command.SetAction(parse => new ValidateRunner(stdout, stderr).Run(new ValidateOptions(
            parse.GetValue(files) ?? Array.Empty<string>(),
            parse.GetValue(format) == "json" ? ValidateFormat.Json : ValidateFormat.Text,
            parse.GetValue(minSeverity) switch { "error" => DiagnosticSeverity.Error, "warning" => DiagnosticSeverity.Warning, _ => DiagnosticSeverity.Info },
            parse.GetValue(warnAsError),
            parse.GetValue(type) == "express" ? "EXPRESS" : "STANDARD")));
        return command;
    }
}

public enum ValidateFormat
{
    Text,
    Json,
}

/// <summary>What `flowstate validate` was asked to do.</summary>
public sealed record ValidateOptions(
    IReadOnlyList<string> Files,
    ValidateFormat Format = ValidateFormat.Text,
    DiagnosticSeverity MinSeverity = DiagnosticSeverity.Info,
    bool WarningsAsErrors = false,
    string WorkflowType = "STANDARD");

/// <summary>
/// One finding in a file. <see cref="Line"/> and <see cref="Column"/> are one-based, 0 when the
/// position is unknown; <see cref="Id"/> is null for a file that could not be read.
/// </summary>
public sealed record ValidationFinding(string File, int Line, int Column, int EndLine, int EndColumn, DiagnosticSeverity Severity, string? Id, string Message, string? HelpUri)
{
    public string SeverityName => Severity switch
    {
        DiagnosticSeverity.Error => "error",
        DiagnosticSeverity.Warning => "warning",
        _ => "info",
    };

    /// <summary><c>FILE:LINE:COL: severity ID: message</c>, or <c>FILE: severity ...</c> without a position.</summary>
    public override string ToString()
    {
        var where = Line > 0 ? $"{File}:{Line.ToString(CultureInfo.InvariantCulture)}:{Column.ToString(CultureInfo.InvariantCulture)}" : File;
        // File names and messages quote the input: its control characters are escaped, never sent to the terminal.
        return TerminalText.Escape(Id is null ? $"{where}: {SeverityName}: {Message}" : $"{where}: {SeverityName} {Id}: {Message}");
    }
}

/// <summary>Validates a batch of ASL files; each file on its own, the exit code over all of them.</summary>
public sealed class ValidateRunner
{
    private readonly TextWriter _stdout;
    private readonly TextWriter _stderr;

    public ValidateRunner(TextWriter stdout, TextWriter stderr)
    {
        _stdout = stdout;
        _stderr = stderr;
    }

    public int Run(ValidateOptions options)
    {
        if (options.Files.Count == 0) return Usage("validate needs at least one ASL file.");
        if (InputFiles.UnknownOption(options.Files) is { } unknown) return Usage($"unknown option '{unknown}'.");

        // The same file named twice is validated once.
        var files = options.Files.Distinct(StringComparer.Ordinal)
            .GroupBy(f => SafeFullPath(f), StringComparer.Ordinal).Select(g => g.First()).ToList();

        var findings = new List<ValidationFinding>();
        foreach (var file in files) findings.AddRange(ValidateFile(file, options));

        var shown = findings
            .Select(f => options.WarningsAsErrors && f.Severity == DiagnosticSeverity.Warning ? f with { Severity = DiagnosticSeverity.Error } : f)
            .Where(f => f.Severity >= options.MinSeverity)
            .OrderBy(f => f.File, StringComparer.Ordinal)
            .ThenBy(f => f.Line)
            .ThenBy(f => f.Column)
            .ThenBy(f => f.Id, StringComparer.Ordinal)
            .ThenBy(f => f.Message, StringComparer.Ordinal)
            .ToList();

        if (options.Format == ValidateFormat.Json) WriteJson(shown, files.Count);
        else WriteText(shown, files.Count);
        return shown.Any(f => f.Severity == DiagnosticSeverity.Error) ? FlowstateCli.Failure : FlowstateCli.Success;
    }

    /// <summary>The findings for one file: unreadable, not JSON, or what SpecValidator reports.</summary>
    public static IReadOnlyList<ValidationFinding> ValidateFile(string file, ValidateOptions options)
    {
        if (!InputFiles.TryRead(file, out var text, out var error))
            return new[] { new ValidationFinding(file, error.Line, error.Column, error.Line, error.Column, DiagnosticSeverity.Error, null, error.Message, null) };
        return ValidateText(file, text, options);
    }

    /// <summary>The findings for one definition's text, reported against <paramref name="file"/>.</summary>
    public static IReadOnlyList<ValidationFinding> ValidateText(string file, string text, ValidateOptions options)
    {
        var read = AslReader.Read(text, MachineNames.FromFileName(file), file);
        var diagnostics = new List<DiagnosticInfo>(read.Diagnostics);
        if (read.Spec is { } spec)
        {
            // Findings inside a JSON value (a bad path in a '.$' value, an intrinsic's argument) point at its characters.
            // FLOW5008 measures what will be sent: this text, in UTF-8 bytes (not a re-serialization of the model).
            var validation = new ValidationOptions
            {
                JsonLocations = JsonLocations.ForText(file, text),
                DefinitionUtf8Bytes = new UTF8Encoding(false).GetByteCount(text),
            };
            diagnostics.AddRange(SpecValidator.Validate(spec with { WorkflowType = options.WorkflowType }, validation, CancellationToken.None));
        }
        return diagnostics.Select(d => ToFinding(file, d)).ToList();
    }

    private static ValidationFinding ToFinding(string file, DiagnosticInfo d)
    {
        var l = d.Location;
        var (line, column, endLine, endColumn) = l.IsKnown ? (l.StartLine + 1, l.StartColumn + 1, l.EndLine + 1, l.EndColumn + 1) : (0, 0, 0, 0);
        var rule = Rules.Find(d.Id);
        // RuleSeverity has DiagnosticSeverity's numbers (see Rule).
        var severity = rule is null ? DiagnosticSeverity.Error : (DiagnosticSeverity)(int)rule.DefaultSeverity;
        return new ValidationFinding(file, line, column, endLine, endColumn, severity, d.Id, Message(d, rule), rule?.HelpLinkUri);
    }

    private static string Message(DiagnosticInfo d, Rule? rule)
    {
        // The reader's FLOW0003 is about the file, not a C# property: [0] what is wrong, [1] where (already in the prefix).
        // Valid JSON that is not an object gets the reader's own sentence ("... must be a JSON object, not an array").
        if (d.Id == DiagnosticIds.InvalidJson && d.MessageArgs.Count == 2)
            return d.MessageArgs[0].StartsWith("a state machine definition", StringComparison.Ordinal) ? d.MessageArgs[0] : "the file is not valid JSON: " + d.MessageArgs[0];
        if (rule is not null)
        {
            try
            {
                return string.Format(CultureInfo.InvariantCulture, rule.MessageFormat, d.MessageArgs.Select(a => (object?)a).ToArray());
            }
            catch (FormatException)
            {
                // A rule passing fewer arguments than its message uses is a Flowstate bug; still say what was found.
            }
        }
        return string.Join("; ", d.MessageArgs);
    }

    private void WriteText(IReadOnlyList<ValidationFinding> findings, int fileCount)
    {
        foreach (var f in findings) _stdout.WriteLine(f.ToString());
        _stdout.WriteLine(Summary(findings, fileCount));
    }

    /// <summary>"3 files: 2 errors, 1 warning, 4 info".</summary>
    public static string Summary(IReadOnlyList<ValidationFinding> findings, int fileCount)
    {
        var errors = findings.Count(f => f.Severity == DiagnosticSeverity.Error);
        var warnings = findings.Count(f => f.Severity == DiagnosticSeverity.Warning);
        var info = findings.Count(f => f.Severity < DiagnosticSeverity.Warning);
        return $"{Count(fileCount, "file")}: {Count(errors, "error")}, {Count(warnings, "warning")}, {info.ToString(CultureInfo.InvariantCulture)} info";

        static string Count(int n, string noun) => n.ToString(CultureInfo.InvariantCulture) + " " + noun + (n == 1 ? "" : "s");
    }

    private void WriteJson(IReadOnlyList<ValidationFinding> findings, int fileCount)
    {
        var items = findings.Select(f =>
        {
            var members = new List<JsonProperty>
            {
                new("file", JsonValue.String(f.File)),
                new("line", JsonValue.Number(f.Line)),
                new("column", JsonValue.Number(f.Column)),
                new("endLine", JsonValue.Number(f.EndLine)),
                new("endColumn", JsonValue.Number(f.EndColumn)),
                new("severity", JsonValue.String(f.SeverityName)),
                new("id", f.Id is null ? JsonValue.Null : JsonValue.String(f.Id)),
                new("message", JsonValue.String(f.Message)),
            };
            if (f.HelpUri is not null) members.Add(new("helpUri", JsonValue.String(f.HelpUri)));
            return JsonValue.Object(members);
        });
        var document = JsonValue.Object(new[]
        {
            new JsonProperty("diagnostics", JsonValue.Array(items)),
            new JsonProperty("summary", JsonValue.Object(new[]
            {
                new JsonProperty("files", JsonValue.Number(fileCount)),
                new JsonProperty("errors", JsonValue.Number(findings.Count(f => f.Severity == DiagnosticSeverity.Error))),
                new JsonProperty("warnings", JsonValue.Number(findings.Count(f => f.Severity == DiagnosticSeverity.Warning))),
                new JsonProperty("info", JsonValue.Number(findings.Count(f => f.Severity < DiagnosticSeverity.Warning))),
            })),
        });
        // JsonWriter escapes the C0 controls; the other characters a terminal acts on (DEL, C1, bidirectional
        // controls) can only occur inside strings, where \uXXXX is the same JSON value.
        var json = EscapeTerminalCharacters(JsonWriter.Write(document));
        _stdout.Write(json);
        if (!json.EndsWith("\n", StringComparison.Ordinal)) _stdout.WriteLine();
    }

    private static string EscapeTerminalCharacters(string json)
    {
        var sb = new System.Text.StringBuilder(json.Length);
        foreach (var c in json)
        {
            if (c != '\n' && TerminalText.IsTerminalControl(c)) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        return sb.ToString();
    }

    private static string SafeFullPath(string file)
    {
        try
        {
            return Path.GetFullPath(file);
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            return file;
        }
    }

    private int Usage(string message)
    {
        _stderr.WriteLine(TerminalText.Escape($"error: {message}"));
        _stderr.WriteLine("Run 'flowstate validate --help' for usage.");
        return FlowstateCli.UsageError;
    }
}
