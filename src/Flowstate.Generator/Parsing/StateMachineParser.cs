using System.Threading;
using Flowstate.Core.Model;
using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Parsing;

/// <summary>The model of one [StateMachine] class and the problems found while building it.</summary>
/// <param name="Spec">Null only when the attribute sits on something that cannot be a state machine (the compiler reports that).</param>
/// <param name="Diagnostics">FLOW0002..FLOW0009 in the order found; positioned only when locations were captured.</param>
public sealed record StateMachineParseResult(StateMachineSpec? Spec, EquatableArray<DiagnosticInfo> Diagnostics);

/// <summary>
/// C# symbols -> <see cref="StateMachineSpec"/>. This is the only code that reads Roslyn symbols;
/// everything downstream (the ASL writer, the graph writer, the validators) works on the Spec.
/// The generator calls it without locations, so that an edit elsewhere in a file leaves its output
/// equal and cached; the analyzers call it with locations to report on the right argument.
/// </summary>
public static class StateMachineParser
{
    public static StateMachineParseResult Parse(INamedTypeSymbol machine, AttributeData stateMachineAttribute, bool captureLocations, CancellationToken cancellationToken)
        => Parse(machine, stateMachineAttribute, captureLocations, cancellationToken, null);

    /// <summary>As above, reading the classes' attributes from <paramref name="attributes"/> (null: the bound attributes).</summary>
    internal static StateMachineParseResult Parse(INamedTypeSymbol machine, AttributeData stateMachineAttribute, bool captureLocations, CancellationToken cancellationToken, AttributeSource? attributes)
    {
        var context = new ParseContext(captureLocations, cancellationToken, attributes);
        var spec = new MachineParser(context, machine, stateMachineAttribute).Parse();
        return new StateMachineParseResult(spec, context.Diagnostics.ToEquatableArray());
    }
}
