using System;
using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Parsing;

/// <summary>What a Flowstate attribute on a class declares.</summary>
internal enum AttributeRole
{
    None,
    StateMachine,
    State,
    Branch,
    StartAt,
    Retry,
    Catch,
    When,
    AslField,
    RawState,
}

/// <summary>The eight ASL state types.</summary>
internal enum StateKind
{
    Task,
    Pass,
    Wait,
    Succeed,
    Fail,
    Choice,
    Parallel,
    Map,
}

/// <summary>
/// Recognises Flowstate's attributes by namespace and name. The parser never receives a
/// Compilation (it runs inside a generator transform and an analyzer), so it cannot look types up
/// by metadata name; comparing the containing namespace is cheap and exact enough because the
/// attribute classes are sealed and live directly in the "Flowstate" namespace.
/// </summary>
internal static class FlowstateSymbols
{
    public const string StateMachineAttributeMetadataName = "Flowstate.StateMachineAttribute";
    public const string EntryPointAttributeMetadataName = "Flowstate.FlowstateEntryPointAttribute";

    private const string FlowstateNamespace = "Flowstate";
    private const string AttributeSuffix = "Attribute";

    /// <summary>The short name of a top-level type of the Flowstate namespace ("LambdaInvoke" for LambdaInvokeAttribute), else null.</summary>
    public static string? ShortName(INamedTypeSymbol? type)
    {
        if (type is null || type.TypeKind == TypeKind.Error || type.ContainingType is not null) return null;
        if (!IsFlowstateNamespace(type.ContainingNamespace)) return null;
        var name = type.Name;
        return name.EndsWith(AttributeSuffix, StringComparison.Ordinal) ? name.Substring(0, name.Length - AttributeSuffix.Length) : name;
    }

    /// <summary>True for the top-level namespace Flowstate (of any assembly, or merged).</summary>
    public static bool IsFlowstateNamespace(INamespaceSymbol? ns)
        => ns is not null && string.Equals(ns.Name, FlowstateNamespace, StringComparison.Ordinal) && ns.ContainingNamespace is { IsGlobalNamespace: true };

    public static AttributeRole RoleOf(AttributeData attribute) => RoleOf(attribute.AttributeClass);

    public static AttributeRole RoleOf(INamedTypeSymbol? type)
    {
        var name = ShortName(type);
        if (name is null) return AttributeRole.None;
        switch (name)
        {
            case "StateMachine": return AttributeRole.StateMachine;
            case "Branch": return AttributeRole.Branch;
            case "StartAt": return AttributeRole.StartAt;
            case "Retry": return AttributeRole.Retry;
            case "Catch": return AttributeRole.Catch;
            case "When": return AttributeRole.When;
            case "AslField": return AttributeRole.AslField;
            case "RawState": return AttributeRole.RawState;
        }
        return DerivesFrom(type, "State") ? AttributeRole.State : AttributeRole.None;
    }

    /// <summary>True when <paramref name="type"/> derives from System.Attribute (what an attribute name's lookup can find).</summary>
    public static bool IsAttributeClass(INamedTypeSymbol type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
            if (t.Name == "Attribute" && t.ContainingNamespace is { Name: "System", ContainingNamespace.IsGlobalNamespace: true }) return true;
        return false;
    }

    /// <summary>True when <paramref name="type"/> or one of its base types is Flowstate.<paramref name="shortName"/>Attribute.</summary>
    public static bool DerivesFrom(INamedTypeSymbol? type, string shortName)
    {
        for (var t = type; t is not null; t = t.BaseType)
            if (string.Equals(ShortName(t), shortName, StringComparison.Ordinal)) return true;
        return false;
    }

    /// <summary>The state type a state attribute declares. Typed integrations, [AwsSdk] and [Activity] are Tasks.</summary>
    public static StateKind KindOf(INamedTypeSymbol attributeClass) => ShortName(attributeClass) switch
    {
        "Pass" => StateKind.Pass,
        "Wait" => StateKind.Wait,
        "Succeed" => StateKind.Succeed,
        "Fail" => StateKind.Fail,
        "Choice" => StateKind.Choice,
        "Parallel" => StateKind.Parallel,
        "Map" => StateKind.Map,
        _ => StateKind.Task,
    };
}
