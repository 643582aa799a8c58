using System.Collections.Generic;
using System.Threading;
using Flowstate.Core.Model;

namespace Flowstate.Generator.Parsing;

/// <summary>What one parse accumulates: its diagnostics, and whether positions are wanted.</summary>
internal sealed class ParseContext
{
    private readonly List<DiagnosticInfo> _diagnostics = new();

    public ParseContext(bool captureLocations, CancellationToken cancellationToken, AttributeSource? attributes = null)
    {
        CaptureLocations = captureLocations;
        CancellationToken = cancellationToken;
        Attributes = attributes ?? AttributeSource.Bound(captureLocations, cancellationToken);
    }

    /// <summary>Where the attributes of the machine's classes are read from (bound by the compiler, or from syntax).</summary>
    public AttributeSource Attributes { get; }

    public bool CaptureLocations { get; }

    public CancellationToken CancellationToken { get; }

    public IReadOnlyList<DiagnosticInfo> Diagnostics => _diagnostics;

    public void Report(string id, SourceRef location, params string[] messageArgs)
        => _diagnostics.Add(new DiagnosticInfo(id, CaptureLocations ? location : default, new EquatableArray<string>(messageArgs)));
}

/// <summary>Collects the positions of the ASL fields of one model element, in the order they are set.</summary>
internal sealed class FieldLocations
{
    private readonly bool _capture;
    private readonly List<FieldLocation> _items = new();

    public FieldLocations(bool capture) => _capture = capture;

    public void Add(string field, SourceRef location)
    {
        if (_capture && location.IsKnown) _items.Add(new FieldLocation(field, location));
    }

    public void AddRange(string prefix, EquatableArray<FieldLocation> locations)
    {
        if (!_capture) return;
        foreach (var l in locations) _items.Add(new FieldLocation(prefix + "." + l.Field, l.Location));
    }

    public EquatableArray<FieldLocation> ToArray() => _items.Count == 0 ? default : _items.ToEquatableArray();
}
