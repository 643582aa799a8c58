using Flowstate.Core.Model;

namespace Flowstate.Cli.Importing;

/// <summary>Something in a definition the importer could not write (the file is then not written).</summary>
/// <param name="Pointer">JSON pointer of the element in the ASL definition, e.g. "/States/Load/Retry/0".</param>
/// <param name="Message">What is wrong, for a person.</param>
public sealed record ImportError(string Pointer, string Message)
{
    public override string ToString() => $"{Pointer}: {Message}";
}

/// <summary>A construct the importer wrote through an escape hatch ([RawState], [AslField]) instead of the typed DSL.</summary>
/// <param name="Pointer">JSON pointer of the element in the ASL definition.</param>
/// <param name="Message">What was written and why.</param>
public sealed record ImportWarning(string Pointer, string Message)
{
    public override string ToString() => $"{Pointer}: {Message}";
}

/// <summary>Options of <see cref="DslWriter.Write"/>.</summary>
public sealed record DslWriterOptions
{
    /// <summary>The namespace of the class (file-scoped); null or empty writes no namespace.</summary>
    public string? Namespace { get; init; }

    /// <summary>The class name; null derives it from the machine name (PascalCase).</summary>
    public string? ClassName { get; init; }

    /// <summary>A first comment line, e.g. where the definition was imported from; null writes none.</summary>
    public string? HeaderComment { get; init; }
}

/// <summary>The C# source for one state machine, or why it could not be written.</summary>
public sealed record DslWriteResult(string? Source, string ClassName, EquatableArray<ImportError> Errors, EquatableArray<ImportWarning> Warnings)
{
    public bool Success => Source is not null;
}
