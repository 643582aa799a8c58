namespace Flowstate.Core.Model;

/// <summary>
/// Where an element of a state machine was written: a span in a C# file (an attribute argument)
/// or in an ASL JSON file. Lines and columns are zero-based. <c>default</c> means "unknown"; the
/// generator parses without locations so that edits elsewhere in a file do not invalidate its cache.
/// </summary>
public readonly record struct SourceRef(string? FilePath, int Start, int Length, int StartLine, int StartColumn, int EndLine, int EndColumn)
{
    public bool IsKnown => FilePath is not null;

    public override string ToString() => IsKnown ? $"{FilePath}({StartLine + 1},{StartColumn + 1})" : "(unknown)";
}

/// <summary>The location of one ASL field of a model element (for example "Next" or "Retry[0].BackoffRate").</summary>
public readonly record struct FieldLocation(string Field, SourceRef Location);
