using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Parsing;

/// <summary>
/// Whether the generated manifest (an internal class of the same assembly) can list a machine: the
/// generator uses it to leave a machine out, the analyzer to say so (FLOW0010). One place decides both.
/// </summary>
internal static class ManifestListing
{
    /// <summary>Null when the manifest can list <paramref name="machine"/>; otherwise why not and what to do, as a phrase.</summary>
    public static string? WhyNotListed(INamedTypeSymbol machine)
    {
        for (var t = machine; t is not null; t = t.ContainingType)
        {
            var display = t.ToDisplayString();
            if (t.TypeParameters.Length > 0)
                return $"'{display}' is generic, and a generic class has no single definition to export; declare the state machine in a class that is not generic";
            var access = t.DeclaredAccessibility switch
            {
                Accessibility.Private => "private",
                Accessibility.Protected => "protected",
                Accessibility.ProtectedAndInternal => "private protected",
                _ => null,
            };
            if (access is not null)
                return $"'{display}' is {access}, and the generated list can only reach classes visible to the whole assembly; make it internal or public";
        }
        return null;
    }
}
