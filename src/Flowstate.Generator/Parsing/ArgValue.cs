using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Parsing;

/// <summary>
/// One attribute argument's value, as <see cref="TypedConstant"/> describes it: the parser reads
/// arguments through this so that a value bound by the compiler and a value read from syntax
/// (<see cref="SyntaxAttributeReader"/>) are the same thing to it. (TypedConstant itself cannot be
/// created outside Roslyn.)
/// </summary>
internal readonly struct ArgValue
{
    private ArgValue(TypedConstantKind kind, object? value, ITypeSymbol? type, ImmutableArray<ArgValue> values, bool isNull)
    {
        Kind = kind;
        Value = value;
        Type = type;
        Values = values;
        IsNull = isNull;
    }

    public TypedConstantKind Kind { get; }

    /// <summary>A primitive's value; an enum's underlying value; the <see cref="ITypeSymbol"/> of a typeof.</summary>
    public object? Value { get; }

    /// <summary>The value's type (for an enum: the enum type).</summary>
    public ITypeSymbol? Type { get; }

    /// <summary>An array's items (default when the array is null).</summary>
    public ImmutableArray<ArgValue> Values { get; }

    public bool IsNull { get; }

    public static ArgValue Primitive(object? value, ITypeSymbol? type) => new(TypedConstantKind.Primitive, value, type, default, value is null);

    public static ArgValue Enum(object value, ITypeSymbol enumType) => new(TypedConstantKind.Enum, value, enumType, default, false);

    public static ArgValue TypeOf(ITypeSymbol? value, ITypeSymbol? systemType) => new(TypedConstantKind.Type, value, systemType, default, value is null);

    public static ArgValue Array(ImmutableArray<ArgValue> values, ITypeSymbol? arrayType) => new(TypedConstantKind.Array, null, arrayType, values, values.IsDefault);

    public static ArgValue From(TypedConstant constant)
    {
        if (constant.Kind == TypedConstantKind.Array)
        {
            if (constant.IsNull) return Array(default, constant.Type);
            var items = ImmutableArray.CreateBuilder<ArgValue>(constant.Values.Length);
            foreach (var item in constant.Values) items.Add(From(item));
            return Array(items.MoveToImmutable(), constant.Type);
        }
        return new ArgValue(constant.Kind, constant.Kind == TypedConstantKind.Error ? null : constant.Value, constant.Type, default, constant.Kind != TypedConstantKind.Error && constant.IsNull);
    }
}
