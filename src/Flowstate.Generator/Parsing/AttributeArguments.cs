using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Flowstate.Core.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Flowstate.Generator.Parsing;

/// <summary>
/// The arguments of one attribute application, by property name, with presence. Constructor
/// arguments are folded in under the property their parameter initialises (parameters are named
/// after their properties: functionName -> FunctionName), so a property is "set" whether it was
/// given positionally or as a named argument. Syntax is looked up only when locations are captured.
/// </summary>
internal sealed class AttributeArguments
{
    private readonly Dictionary<string, Argument> _arguments = new(StringComparer.Ordinal);
    private readonly List<string> _setTwice = new();
    private readonly bool _captureLocations;
    private readonly CancellationToken _cancellationToken;
    private readonly AttributeData? _data;
    private AttributeSyntax? _syntax;
    private bool _syntaxLoaded;

    private readonly struct Argument
    {
        public Argument(ArgValue value, int constructorIndex, string? parameterName, bool isParams)
        {
            Value = value;
            ConstructorIndex = constructorIndex;
            ParameterName = parameterName;
            IsParams = isParams;
        }

        public ArgValue Value { get; }
        public int ConstructorIndex { get; }
        public string? ParameterName { get; }
        public bool IsParams { get; }
    }

    /// <summary>The arguments of a bound attribute (the compiler's view).</summary>
    public AttributeArguments(AttributeData data, bool captureLocations, CancellationToken cancellationToken)
        : this(data.AttributeClass, captureLocations, cancellationToken)
    {
        _data = data;
        var parameters = data.AttributeConstructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty;
        var ctorArgs = data.ConstructorArguments;
        var given = new ArgValue[Math.Min(ctorArgs.Length, parameters.Length)];
        for (var i = 0; i < given.Length; i++) given[i] = ArgValue.From(ctorArgs[i]);
        var named = new List<KeyValuePair<string, ArgValue>>(data.NamedArguments.Length);
        foreach (var n in data.NamedArguments) named.Add(new KeyValuePair<string, ArgValue>(n.Key, ArgValue.From(n.Value)));
        Fill(parameters, given, named);
    }

    /// <summary>
    /// The arguments of an attribute read from syntax (<see cref="SyntaxAttributeReader"/>): the same
    /// values the compiler would bind, already converted to the parameters' and properties' types.
    /// </summary>
    public AttributeArguments(INamedTypeSymbol attributeClass, AttributeSyntax syntax, ImmutableArray<IParameterSymbol> parameters,
        ArgValue[] constructorArguments, List<KeyValuePair<string, ArgValue>> namedArguments, bool captureLocations, CancellationToken cancellationToken)
        : this(attributeClass, captureLocations, cancellationToken)
    {
        _syntax = syntax;
        _syntaxLoaded = true;
        Fill(parameters, constructorArguments, namedArguments);
    }

    private AttributeArguments(INamedTypeSymbol? attributeClass, bool captureLocations, CancellationToken cancellationToken)
    {
        _captureLocations = captureLocations;
        _cancellationToken = cancellationToken;
        AttributeClass = attributeClass;
        ShortName = FlowstateSymbols.ShortName(attributeClass) ?? attributeClass?.Name ?? "?";
    }

    private void Fill(ImmutableArray<IParameterSymbol> parameters, ArgValue[] constructorArguments, List<KeyValuePair<string, ArgValue>> namedArguments)
    {
        for (var i = 0; i < constructorArguments.Length && i < parameters.Length; i++)
        {
            var parameter = parameters[i];
            var value = constructorArguments[i];
            // An optional parameter left null means "not given" (FailAttribute(error, cause = null) sets Cause only when non-null).
            if (parameter.IsOptional && value.Kind != TypedConstantKind.Array && value.IsNull) continue;
            _arguments[PropertyName(parameter.Name)] = new Argument(value, i, parameter.Name, parameter.IsParams);
        }
        foreach (var named in namedArguments)
        {
            if (_arguments.ContainsKey(named.Key)) _setTwice.Add(named.Key);
            _arguments[named.Key] = new Argument(named.Value, -1, null, false);
        }
    }

    /// <summary>The attribute's class (an error type when the compiler could not resolve it).</summary>
    public INamedTypeSymbol? AttributeClass { get; }

    /// <summary>"LambdaInvoke" for [LambdaInvoke].</summary>
    public string ShortName { get; }

    /// <summary>Properties given both to the constructor and as a named argument.</summary>
    public IReadOnlyList<string> SetTwice => _setTwice;

    public bool Has(string property) => _arguments.TryGetValue(property, out var a) && a.Value.Kind != TypedConstantKind.Error;

    /// <summary>True when the property was set explicitly to null.</summary>
    public bool IsNull(string property) => _arguments.TryGetValue(property, out var a) && a.Value.Kind != TypedConstantKind.Error && a.Value.Kind != TypedConstantKind.Array && a.Value.IsNull;

    public string? String(string property)
        => _arguments.TryGetValue(property, out var a) && a.Value.Kind == TypedConstantKind.Primitive && a.Value.Value is string s ? s : null;

    public int? Int(string property)
        => _arguments.TryGetValue(property, out var a) && a.Value.Kind == TypedConstantKind.Primitive && a.Value.Value is int i ? i : null;

    public double? Double(string property)
    {
        if (!_arguments.TryGetValue(property, out var a) || a.Value.Kind != TypedConstantKind.Primitive) return null;
        return a.Value.Value switch
        {
            double d => d,
            float f => f,
            int i => i,
            long l => l,
            _ => null,
        };
    }

    public bool? Bool(string property)
        => _arguments.TryGetValue(property, out var a) && a.Value.Kind == TypedConstantKind.Primitive && a.Value.Value is bool b ? b : null;

    /// <summary>The underlying value of an enum property.</summary>
    public int? Enum(string property)
    {
        if (!_arguments.TryGetValue(property, out var a) || a.Value.Kind != TypedConstantKind.Enum) return null;
        return a.Value.Value switch
        {
            int i => i,
            byte b => b,
            short s => s,
            long l => (int)l,
            _ => null,
        };
    }

    /// <summary>An enum argument: the enum's name, the member with that value (null for a value that is no member), and the value.</summary>
    public (string EnumName, string? Member, long Value)? EnumArgument(string property)
    {
        if (!_arguments.TryGetValue(property, out var a) || a.Value.Kind != TypedConstantKind.Enum || a.Value.Type is not INamedTypeSymbol enumType) return null;
        long value;
        try { value = Convert.ToInt64(a.Value.Value, System.Globalization.CultureInfo.InvariantCulture); }
        catch (Exception e) when (e is InvalidCastException or FormatException or OverflowException) { return null; }
        string? member = null;
        foreach (var m in enumType.GetMembers())
            if (m is IFieldSymbol { HasConstantValue: true } f
                && Convert.ToInt64(f.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) == value)
            {
                member = f.Name;
                break;
            }
        return (enumType.Name, member, value);
    }

    /// <summary>The type of a typeof argument; an unresolved type (the compiler reports it) is returned too.</summary>
    public ITypeSymbol? Type(string property)
        => _arguments.TryGetValue(property, out var a) && a.Value.Kind == TypedConstantKind.Type ? a.Value.Value as ITypeSymbol : null;

    /// <summary>The strings of an array property, nulls skipped; null when absent.</summary>
    public string[]? Strings(string property)
    {
        if (!_arguments.TryGetValue(property, out var a) || a.Value.Kind != TypedConstantKind.Array) return null;
        if (a.Value.IsNull) return null;
        var result = new List<string>(a.Value.Values.Length);
        foreach (var item in a.Value.Values)
            if (item.Kind == TypedConstantKind.Primitive && item.Value is string s) result.Add(s);
        return result.ToArray();
    }

    /// <summary>The attribute as written (for example <c>LambdaInvoke("f", Next = typeof(X))</c>).</summary>
    public SourceRef Location => _captureLocations ? SourceRefs.From(Syntax) : default;

    /// <summary>The attribute's name (for example <c>LambdaInvoke</c>).</summary>
    public SourceRef NameLocation => _captureLocations ? SourceRefs.From(Syntax?.Name) : default;

    /// <summary>The expression given for <paramref name="property"/>, or the attribute when it cannot be found.</summary>
    public SourceRef LocationOf(string property)
    {
        if (!_captureLocations) return default;
        var expression = ExpressionOf(property);
        return expression is not null ? SourceRefs.From(expression) : Location;
    }

    /// <summary>The syntax of the argument given for <paramref name="property"/> (for a params array: the span of all its elements).</summary>
    public SourceRef LocationOfAll(string property)
    {
        if (!_captureLocations) return default;
        var expressions = ExpressionsOf(property);
        if (expressions.Count == 0) return Location;
        var first = expressions[0];
        var last = expressions[expressions.Count - 1];
        return SourceRefs.From(first.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(first.SpanStart, last.Span.End));
    }

    public ExpressionSyntax? ExpressionOf(string property)
    {
        var all = ExpressionsOf(property);
        return all.Count == 0 ? null : all[0];
    }

    private IReadOnlyList<ExpressionSyntax> ExpressionsOf(string property)
    {
        var syntax = Syntax;
        if (syntax?.ArgumentList is null || !_arguments.TryGetValue(property, out var argument)) return Array.Empty<ExpressionSyntax>();
        var args = syntax.ArgumentList.Arguments;
        if (argument.ConstructorIndex < 0)
        {
            foreach (var arg in args)
                if (arg.NameEquals is not null && string.Equals(arg.NameEquals.Name.Identifier.ValueText, property, StringComparison.Ordinal))
                    return new[] { arg.Expression };
            return Array.Empty<ExpressionSyntax>();
        }
        foreach (var arg in args)
            if (arg.NameColon is not null && string.Equals(arg.NameColon.Name.Identifier.ValueText, argument.ParameterName, StringComparison.Ordinal))
                return new[] { arg.Expression };
        var positional = args.Where(a => a.NameEquals is null && a.NameColon is null).ToList();
        if (argument.ConstructorIndex >= positional.Count) return Array.Empty<ExpressionSyntax>();
        if (!argument.IsParams) return new[] { positional[argument.ConstructorIndex].Expression };
        return positional.Skip(argument.ConstructorIndex).Select(a => a.Expression).ToList();
    }

    private AttributeSyntax? Syntax
    {
        get
        {
            if (!_syntaxLoaded)
            {
                _syntaxLoaded = true;
                _syntax = _data?.ApplicationSyntaxReference?.GetSyntax(_cancellationToken) as AttributeSyntax;
            }
            return _syntax;
        }
    }

    private static string PropertyName(string parameterName)
        => parameterName.Length == 0 ? parameterName : char.ToUpperInvariant(parameterName[0]) + parameterName.Substring(1);
}
