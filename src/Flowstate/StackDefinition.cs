using System;
using System.Collections.Generic;

namespace Flowstate;

/// <summary>
/// A CloudFormation stack of this assembly as the generator produced it: its name, the
/// application (assembly) it belongs to, its template, and the state machines it holds. The
/// generated manifest lists them (<c>FlowstateManifest.Stacks</c>); <c>export --out DIR</c> writes
/// <c>DIR/&lt;Name&gt;.template.json</c>.
/// </summary>
public sealed class StackDefinition
{
    /// <summary>Created by generated code.</summary>
    public StackDefinition(string name, string appName, string templateJson, IReadOnlyList<string> stateMachineNames)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        AppName = appName ?? throw new ArgumentNullException(nameof(appName));
        TemplateJson = templateJson ?? throw new ArgumentNullException(nameof(templateJson));
        StateMachineNames = stateMachineNames ?? throw new ArgumentNullException(nameof(stateMachineNames));
    }

    /// <summary>The stack's name as declared (<c>[assembly: FlowstateStack]</c>, else the assembly name in kebab-case), before any per-environment suffix.</summary>
    public string Name { get; }

    /// <summary>The assembly the stack was declared in.</summary>
    public string AppName { get; }

    /// <summary>The CloudFormation template (JSON), byte-for-byte deterministic.</summary>
    public string TemplateJson { get; }

    /// <summary>The names of the state machines in the stack, ordered by logical id.</summary>
    public IReadOnlyList<string> StateMachineNames { get; }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
