using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace Flowstate.Core.Diagnostics;

/// <summary>How serious a finding of a <see cref="Rule"/> is. The numbers are Roslyn's <c>DiagnosticSeverity</c>, so the analyzers convert it with a cast.</summary>
public enum RuleSeverity
{
    Hidden = 0,
    Info = 1,
    Warning = 2,
    Error = 3,
}

/// <summary>
/// One Flowstate diagnostic (FLOWnnnn): its id, title, message, category and severity. The core holds
/// this data without Roslyn so that the CLI, the deploy program and the local runner report the same
/// findings as the analyzers; the analyzer assembly turns each rule into a <c>DiagnosticDescriptor</c>
/// (Flowstate.Generator.Diagnostics.Descriptors).
/// </summary>
public sealed class Rule
{
    public Rule(string id, string title, string messageFormat, string category, RuleSeverity defaultSeverity, string? description)
    {
        Id = id;
        Title = title;
        MessageFormat = messageFormat;
        Category = category;
        DefaultSeverity = defaultSeverity;
        Description = description;
    }

    public string Id { get; }
    public string Title { get; }

    /// <summary>A composite format string over the finding's <see cref="Model.DiagnosticInfo.MessageArgs"/>.</summary>
    public string MessageFormat { get; }

    public string Category { get; }
    public RuleSeverity DefaultSeverity { get; }
    public string? Description { get; }

    /// <summary>The rule's page, docs/diagnostics/FLOWnnnn.md in the repository.</summary>
    public string HelpLinkUri => Rules.HelpLinkBase + Id + ".md";

    public override string ToString() => Id + ": " + Title;
}

/// <summary>The one registry of Flowstate's rules: every <see cref="Rule"/> by id.</summary>
public static partial class Rules
{
    /// <summary>Where the documentation page of each rule lives (docs/diagnostics/FLOWnnnn.md in the repository).</summary>
    public const string HelpLinkBase = "https://github.com/flowstate-dotnet/flowstate/blob/main/docs/diagnostics/";

    private static IReadOnlyList<Rule>? _all;
    private static Dictionary<string, Rule>? _byId;

    /// <summary>Every rule (declaration, model and deployment rules), in id order.</summary>
    public static IReadOnlyList<Rule> All => _all ??= Declaration.Concat(Model).Concat(DeploymentModel).Concat(DeploymentSyntax).OrderBy(r => r.Id, StringComparer.Ordinal).ToArray();

    /// <summary>The rule with this id, or null.</summary>
    public static Rule? Find(string id)
    {
        var byId = _byId ??= All.ToDictionary(r => r.Id, StringComparer.Ordinal);
        return id is not null && byId.TryGetValue(id, out var rule) ? rule : null;
    }
}
