using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;

namespace Flowstate.Hosting;

/// <summary>
/// Contributes commands to the command line of a Flowstate program (the <c>Main</c> generated for
/// <c>[assembly: FlowstateEntryPoint]</c>). A library declares its module with
/// <see cref="FlowstateCommandModuleAttribute"/>; the generator sees that attribute on the assemblies the
/// project references and the generated <c>Main</c> creates the module and passes it to
/// <see cref="FlowstateConsole"/>. The contract is in docs/design.md, "Command line".
/// </summary>
public interface IFlowstateCommandModule
{
    /// <summary>
    /// The commands this module adds under the program's root command. Called once per run. Names
    /// must not clash with the built-in commands (list, export, graph) or another module's.
    /// </summary>
    IEnumerable<Command> CreateCommands(FlowstateCommandContext context);
}

/// <summary>What a <see cref="IFlowstateCommandModule"/> gets: the program's state machines and its output streams.</summary>
public sealed class FlowstateCommandContext
{
    /// <summary>Created by <see cref="FlowstateConsole"/>.</summary>
    public FlowstateCommandContext(string programName, IReadOnlyList<StateMachineDefinition> machines, IReadOnlyList<StackDefinition> stacks, TextWriter output, TextWriter error)
    {
        ProgramName = programName ?? throw new ArgumentNullException(nameof(programName));
        Machines = machines ?? throw new ArgumentNullException(nameof(machines));
        Stacks = stacks ?? throw new ArgumentNullException(nameof(stacks));
        Out = output ?? throw new ArgumentNullException(nameof(output));
        Error = error ?? throw new ArgumentNullException(nameof(error));
    }

    /// <summary>The name the program is run by (the root command's name), for messages such as "Run 'x deploy --help'".</summary>
    public string ProgramName { get; }

    /// <summary>The state machines of the program's assembly, from its generated manifest, in manifest order.</summary>
    public IReadOnlyList<StateMachineDefinition> Machines { get; }

    /// <summary>The deployment stacks of the program's assembly, from its generated manifest (empty when it declares none).</summary>
    public IReadOnlyList<StackDefinition> Stacks { get; }

    /// <summary>Where results go (standard output, or a test's writer).</summary>
    public TextWriter Out { get; }

    /// <summary>Where errors go, each line starting with "error: " (standard error, or a test's writer).</summary>
    public TextWriter Error { get; }
}

/// <summary>
/// Declares that this assembly contributes commands to Flowstate programs:
/// <c>[assembly: FlowstateCommandModule(typeof(DeployCommands))]</c>. The type must be public, not
/// abstract, have a public parameterless constructor and implement <see cref="IFlowstateCommandModule"/>;
/// the generator ignores a declaration that does not.
/// </summary>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = true)]
public sealed class FlowstateCommandModuleAttribute : Attribute
{
    /// <summary>Declares <paramref name="moduleType"/> as a command module.</summary>
    public FlowstateCommandModuleAttribute(Type moduleType) => ModuleType = moduleType;

    /// <summary>The module's type.</summary>
    public Type ModuleType { get; }
}
