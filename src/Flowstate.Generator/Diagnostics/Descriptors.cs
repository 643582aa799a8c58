using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Flowstate.Core.Diagnostics;
using Microsoft.CodeAnalysis;

namespace Flowstate.Generator.Diagnostics;

/// <summary>
/// The Roslyn face of the core's rule registry (<see cref="Rules"/>): one <see cref="DiagnosticDescriptor"/>
/// per <see cref="Rule"/>, made once. The data (id, title, message, severity) lives only in the core.
/// </summary>
public static class Descriptors
{
    private static readonly Dictionary<string, DiagnosticDescriptor> ById =
        Rules.All.ToDictionary(r => r.Id, Create, StringComparer.Ordinal);

    /// <summary>Every descriptor, in id order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> All { get; } = Rules.All.Select(r => ById[r.Id]).ToImmutableArray();

    /// <summary>The descriptor of a rule.</summary>
    public static DiagnosticDescriptor Of(Rule rule) => ById[rule.Id];

    /// <summary>The descriptor of a rule id, or null.</summary>
    public static DiagnosticDescriptor? Find(string id) => id is not null && ById.TryGetValue(id, out var d) ? d : null;

    // Names the generator, the analyzer and the code fixes use directly.
    public static DiagnosticDescriptor InternalError => Of(Rules.InternalError);
    public static DiagnosticDescriptor MachineNotPartial => Of(Rules.MachineNotPartial);
    public static DiagnosticDescriptor PlaceholderUnused => Of(Rules.PlaceholderUnused);

    /// <summary>The descriptors of the rules over the model (FLOW1xxx to FLOW6xxx), in id order.</summary>
    public static IReadOnlyList<DiagnosticDescriptor> RuleDescriptors { get; } = Rules.Model.Select(r => ById[r.Id]).ToArray();

    /// <summary>The descriptor of a model rule id (FLOW1xxx to FLOW6xxx), or null.</summary>
    public static DiagnosticDescriptor? FindRule(string id) => Rules.Model.Any(r => r.Id == id) ? Find(id) : null;

    /// <summary>The FLOW0xxx descriptors, in id order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> DeclarationRules { get; } = Rules.Declaration.Select(r => ById[r.Id]).ToImmutableArray();

    /// <summary>The descriptors of the deployment model's rules (FLOW70xx), in id order.</summary>
    public static ImmutableArray<DiagnosticDescriptor> DeploymentRules { get; } = Rules.DeploymentModel.Select(r => ById[r.Id]).ToImmutableArray();

    public static DiagnosticDescriptor InvalidJson => Of(Rules.InvalidJson);

    /// <summary>The descriptors of the deployment building blocks (FLOW71xx), in id order (the deployment analyzer supports them all).</summary>
    public static ImmutableArray<DiagnosticDescriptor> DeploymentSyntaxRules { get; } = Rules.DeploymentSyntax.Select(r => ById[r.Id]).ToImmutableArray();

    /// <summary>The descriptor of a deployment building-block id, or null.</summary>
    public static DiagnosticDescriptor? FindDeploymentRule(string id) => Rules.DeploymentSyntax.Any(r => r.Id == id) ? Find(id) : null;

    private static DiagnosticDescriptor Create(Rule rule)
        => new(rule.Id, rule.Title, rule.MessageFormat, rule.Category, (DiagnosticSeverity)(int)rule.DefaultSeverity,
            isEnabledByDefault: true, description: rule.Description, helpLinkUri: rule.HelpLinkUri);
}
