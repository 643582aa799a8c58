using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Parsing;

/// <summary>A Flowstate attribute on a class: its class, what it declares, and its arguments.</summary>
internal sealed class AttributeUse
{
    public AttributeUse(INamedTypeSymbol? attributeClass, AttributeRole role, AttributeArguments args)
    {
        AttributeClass = attributeClass;
        Role = role;
        Args = args;
    }

    public INamedTypeSymbol? AttributeClass { get; }
    public AttributeRole Role { get; }
    public AttributeArguments Args { get; }
}

/// <summary>
/// Where the parser gets the Flowstate attributes of a class from: the compiler's bound attributes
/// (<see cref="Bound"/>, always right, and what the analyzers use), or the syntax
/// (<see cref="SyntaxAttributeReader"/>, for the generator, on machines whose attributes can mean only
/// what their text says).
/// </summary>
internal abstract class AttributeSource
{
    /// <summary>The Flowstate attributes of <paramref name="type"/> (role other than None), in source order.</summary>
    public abstract IReadOnlyList<AttributeUse> Of(INamedTypeSymbol type);

    public static AttributeSource Bound(bool captureLocations, CancellationToken cancellationToken) => new BoundSource(captureLocations, cancellationToken);

    private sealed class BoundSource : AttributeSource
    {
        private readonly bool _capture;
        private readonly CancellationToken _ct;

        public BoundSource(bool capture, CancellationToken ct)
        {
            _capture = capture;
            _ct = ct;
        }

        public override IReadOnlyList<AttributeUse> Of(INamedTypeSymbol type)
        {
            List<AttributeUse>? result = null;
            foreach (var attribute in type.GetAttributes())
            {
                var role = FlowstateSymbols.RoleOf(attribute.AttributeClass);
                if (role == AttributeRole.None && FlowstateSymbols.ShortName(attribute.AttributeClass) is null) continue;
                (result ??= new List<AttributeUse>()).Add(new AttributeUse(attribute.AttributeClass, role, new AttributeArguments(attribute, _capture, _ct)));
            }
            return (IReadOnlyList<AttributeUse>?)result ?? System.Array.Empty<AttributeUse>();
        }
    }
}
