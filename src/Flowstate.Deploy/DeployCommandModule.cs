using System.Collections.Generic;
using System.CommandLine;
using System.Linq;
using Flowstate.Hosting;

// Any project that references Flowstate.Deploy gets plan, deploy, start, status and destroy in its
// generated Main: the generator finds this declaration on the referenced assembly.
[assembly: FlowstateCommandModule(typeof(Flowstate.Deploy.DeployCommandModule))]

namespace Flowstate.Deploy;

/// <summary>
/// The deploy commands as a command module of the generated <c>Main</c> (src/Flowstate/Hosting):
/// they act on the program's stacks (<c>FlowstateManifest.Stacks</c>) and write to the program's
/// streams. The generic command line already parses without response files, so
/// <c>start MACHINE --input @file.json</c> reads the file.
/// </summary>
public sealed class DeployCommandModule : IFlowstateCommandModule
{
    /// <inheritdoc/>
    public IEnumerable<Command> CreateCommands(FlowstateCommandContext context)
    {
        var stacks = context.Stacks.Select(DeployStack.From).ToArray();
        return DeployCommands.Create(stacks, new DeployHost { Out = context.Out, Error = context.Error });
    }
}
