using System;
using System.Linq;
using System.Threading;
using Flowstate.Core.Model;
using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Parsing;

/// <summary>
/// The command modules (<c>[assembly: Flowstate.Hosting.FlowstateCommandModule(typeof(X))]</c>) of the
/// assemblies a project references, reduced to their fully qualified type names: the small equatable
/// fact the generated Main needs, so the compilation never enters the pipeline. Only assemblies that
/// themselves reference Flowstate are read, which keeps the step cheap on every edit.
/// </summary>
internal static class CommandModules
{
    public const string AttributeMetadataName = "Flowstate.Hosting.FlowstateCommandModuleAttribute";
    private const string InterfaceMetadataName = "Flowstate.Hosting.IFlowstateCommandModule";
    private const string FlowstateAssemblyName = "Flowstate";

    /// <summary>"global::Ns.Type" of each valid module, ordinally sorted, without duplicates.</summary>
    public static EquatableArray<string> Find(Compilation compilation, CancellationToken cancellationToken)
    {
        var found = new System.Collections.Generic.SortedSet<string>(StringComparer.Ordinal);
        foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (!ReferencesFlowstate(assembly)) continue;
            foreach (var attribute in assembly.GetAttributes())
            {
                if (attribute.AttributeClass?.ToDisplayString() != AttributeMetadataName) continue;
                if (attribute.ConstructorArguments.Length != 1) continue;
                if (attribute.ConstructorArguments[0].Value is INamedTypeSymbol type && IsUsableModule(type))
                    found.Add(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
            }
        }
        return found.ToEquatableArray();
    }

    private static bool ReferencesFlowstate(IAssemblySymbol assembly)
        => assembly.Modules.Any(m => m.ReferencedAssemblies.Any(r => string.Equals(r.Name, FlowstateAssemblyName, StringComparison.Ordinal)));

    /// <summary>What `new global::X()` needs to compile and run as a module: a public, concrete, non-generic class with a public parameterless constructor implementing the interface.</summary>
    private static bool IsUsableModule(INamedTypeSymbol type)
    {
        if (type.TypeKind != TypeKind.Class || type.IsAbstract || type.IsStatic || type.IsGenericType) return false;
        for (var t = type; t is not null; t = t.ContainingType)
            if (t.DeclaredAccessibility != Accessibility.Public) return false;
        if (!type.InstanceConstructors.Any(c => c.Parameters.Length == 0 && c.DeclaredAccessibility == Accessibility.Public)) return false;
        return type.AllInterfaces.Any(i => i.ToDisplayString() == InterfaceMetadataName);
    }
}
