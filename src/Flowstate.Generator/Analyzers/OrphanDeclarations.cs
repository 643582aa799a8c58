using Flowstate.Core.Diagnostics;
using Flowstate.Generator.Diagnostics;
using Flowstate.Generator.Parsing;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Flowstate.Generator.Analyzers;

/// <summary>
/// FLOW0008 for Flowstate declarations that no state machine reaches (issue 11 item 4): a state,
/// [Branch], [Retry], [Catch], [When], [StartAt], [AslField] or [RawState] class that is not nested,
/// at any depth, in a [StateMachine] class. The machine parser walks only a machine's own nested
/// classes and reports what is misplaced there; a class outside every machine is never walked, so it
/// would be dropped silently. Reported once, on the outermost such class (what it contains goes with it).
/// </summary>
internal static class OrphanDeclarations
{
    public static void Check(SymbolAnalysisContext context, INamedTypeSymbol type, INamedTypeSymbol stateMachineAttribute)
    {
        // Nearly every type that gets here is a state (or [Branch], [Retry], ...) class nested in a machine:
        // a container carrying [StateMachine] itself ends the check with no report whatever the type's own
        // attributes are (the walk below would return at that container too), so look for it first, by
        // symbol, before naming the type's attributes (which allocates a short name per attribute).
        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
            foreach (var attribute in container.GetAttributes())
                if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, stateMachineAttribute)) return;

        AttributeData? first = null;
        var role = AttributeRole.None;
        foreach (var attribute in type.GetAttributes())
        {
            var r = FlowstateSymbols.RoleOf(attribute);
            if (r == AttributeRole.None) continue;
            if (r == AttributeRole.StateMachine) return;
            if (first is null) { first = attribute; role = r; }
        }
        if (first is null) return;

        for (var container = type.ContainingType; container is not null; container = container.ContainingType)
        {
            foreach (var attribute in container.GetAttributes())
            {
                // Inside a machine the parser decides (and reports FLOW0008 where it must); inside another
                // orphan declaration, that outer class carries the one report.
                if (FlowstateSymbols.RoleOf(attribute) != AttributeRole.None) return;
            }
        }

        var what = role == AttributeRole.State ? "state class" : "[" + FlowstateSymbols.ShortName(first.AttributeClass) + "] class";
        var where = type.ContainingType is null
            ? "it is not nested in a [StateMachine] class"
            : $"it is nested in '{type.ContainingType.Name}', which is neither a [StateMachine] class nor nested in one";
        var reason = $"{where}, so no state machine includes this {what}; move it into the [StateMachine] class (or a [Branch] or [Map] class in it) it belongs to";
        context.ReportDiagnostic(Diagnostic.Create(Descriptors.Of(Rules.MisplacedDeclaration), LocationOf(first, type), type.Name, reason));
    }

    private static Location LocationOf(AttributeData attribute, INamedTypeSymbol type)
    {
        if (attribute.ApplicationSyntaxReference?.GetSyntax() is AttributeSyntax syntax) return syntax.Name.GetLocation();
        foreach (var location in type.Locations) return location;
        return Location.None;
    }
}
