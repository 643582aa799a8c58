using System.Collections.Immutable;
using System.CommandLine;
using Flowstate.Generator.Emitting;
using Flowstate.Generator.Tests.Support;
using Flowstate.Hosting;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Flowstate.Generator.Tests.Hosting;

/// <summary>
/// The extension point of the generated Main: a library declares [assembly: FlowstateCommandModule(typeof(X))],
/// the generator finds it on the project's references and the generated Main passes the module to
/// FlowstateConsole, whose command line then has the module's commands.
/// </summary>
public sealed class CommandModuleTests
{
    private const string Program = """
        [assembly: Flowstate.FlowstateEntryPoint]
        namespace Demo
        {
            [Flowstate.StateMachine("simple")]
            public partial class Simple { [Flowstate.Succeed] public class Done; }
        }
        """;

    private const string Library = """
        using System.Collections.Generic;
        using System.CommandLine;
        using Flowstate.Hosting;

        [assembly: FlowstateCommandModule(typeof(Ext.Zeta))]
        [assembly: FlowstateCommandModule(typeof(Ext.Alpha))]
        [assembly: FlowstateCommandModule(typeof(Ext.Alpha))]
        [assembly: FlowstateCommandModule(typeof(Ext.Hidden))]
        [assembly: FlowstateCommandModule(typeof(Ext.NeedsArgument))]
        [assembly: FlowstateCommandModule(typeof(Ext.NotAModule))]
        [assembly: FlowstateCommandModule(typeof(Ext.Abstract))]

        namespace Ext
        {
            public sealed class Alpha : IFlowstateCommandModule
            {
                public IEnumerable<Command> CreateCommands(FlowstateCommandContext context) { yield return new Command("hello", "Says hello"); }
            }
            public sealed class Zeta : IFlowstateCommandModule
            {
                public IEnumerable<Command> CreateCommands(FlowstateCommandContext context) { yield break; }
            }
            internal sealed class Hidden : IFlowstateCommandModule
            {
                public IEnumerable<Command> CreateCommands(FlowstateCommandContext context) { yield break; }
            }
            public sealed class NeedsArgument : IFlowstateCommandModule
            {
                public NeedsArgument(int x) { }
                public IEnumerable<Command> CreateCommands(FlowstateCommandContext context) { yield break; }
            }
            public sealed class NotAModule { }
            public abstract class Abstract : IFlowstateCommandModule
            {
                public IEnumerable<Command> CreateCommands(FlowstateCommandContext context) { yield break; }
            }
        }
        """;

    private static readonly MetadataReference CommandLine = MetadataReference.CreateFromFile(typeof(Command).Assembly.Location);

    private static MetadataReference CompileLibrary(string source, string name)
    {
        var library = CSharpCompilation.Create(name,
            new[] { CSharpSyntaxTree.ParseText(source, CompilationFactory.ParseOptions) },
            CompilationFactory.References.Add(CommandLine),
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
        using var stream = new MemoryStream();
        var emit = library.Emit(stream);
        Assert.True(emit.Success, string.Join("\n", emit.Diagnostics));
        return MetadataReference.CreateFromImage(stream.ToArray());
    }

    private static Compilation ProgramReferencing(params MetadataReference[] libraries)
        => CompilationFactory.Create(OutputKind.ConsoleApplication, Program).AddReferences(libraries).AddReferences(CommandLine);

    [Fact]
    public void GeneratedMain_RegistersTheUsableModulesOfReferencedAssemblies_SortedOnce()
    {
        var run = CompilationGeneratorRunner.Execute(ProgramReferencing(CompileLibrary(Library, "Ext")));
        var main = run.Source(CSharpWriter.EntryPointHintName);

        Assert.Contains(
            "        public static int Main(string[] args) => global::Flowstate.Hosting.FlowstateConsole.Run(args, FlowstateManifest.StateMachines, FlowstateManifest.Stacks, new global::Flowstate.Hosting.IFlowstateCommandModule[]\n" +
            "        {\n" +
            "            new global::Ext.Alpha(),\n" +
            "            new global::Ext.Zeta(),\n" +
            "        });\n",
            main, StringComparison.Ordinal);
        // Not public, no parameterless constructor, not a module, abstract: left out rather than breaking the build.
        foreach (var ignored in new[] { "Hidden", "NeedsArgument", "NotAModule", "Abstract" })
            Assert.DoesNotContain("Ext." + ignored, main, StringComparison.Ordinal);
        Assert.Empty(CompilationFactory.Errors(run.Output));
    }

    [Fact]
    public void GeneratedMain_WithoutModules_IsTheOneLineMain()
    {
        var run = CompilationGeneratorRunner.Execute(ProgramReferencing());
        Assert.Contains("public static int Main(string[] args) => global::Flowstate.Hosting.FlowstateConsole.Run(args, FlowstateManifest.StateMachines, FlowstateManifest.Stacks);",
            run.Source(CSharpWriter.EntryPointHintName), StringComparison.Ordinal);
    }

    [Fact]
    public void AttributeInAnAssemblyThatDoesNotReferenceFlowstate_IsNotLookedAt()
    {
        // Look-alikes of the attribute and the interface in an assembly without a Flowstate reference: only
        // assemblies that reference Flowstate are read (which keeps the step cheap), so M is not registered.
        var lookAlike = CompileLibrary("""
            [assembly: Flowstate.Hosting.FlowstateCommandModule(typeof(Other.M))]
            namespace Flowstate.Hosting { [System.AttributeUsage(System.AttributeTargets.Assembly)] public sealed class FlowstateCommandModuleAttribute : System.Attribute { public FlowstateCommandModuleAttribute(System.Type t) { } } }
            namespace Flowstate.Hosting { public interface IFlowstateCommandModule { } }
            namespace Other { public sealed class M : Flowstate.Hosting.IFlowstateCommandModule { } }
            """, "Other");
        var run = CompilationGeneratorRunner.Execute(ProgramReferencing(lookAlike));
        Assert.DoesNotContain("Other.M", run.Source(CSharpWriter.EntryPointHintName), StringComparison.Ordinal);
    }

    // ---- FlowstateConsole with modules ----------------------------------------------------------

    private static readonly IReadOnlyList<StateMachineDefinition> Machines = new[]
    {
        new StateMachineDefinition("orders", WorkflowType.Standard, "{}\n", "flowchart TD\n", "digraph {}\n", typeof(string)),
    };

    private sealed class Greeter : IFlowstateCommandModule
    {
        public IEnumerable<Command> CreateCommands(FlowstateCommandContext context)
        {
            var loud = new Option<bool>("--loud") { Description = "Shout." };
            var hello = new Command("hello", "Greet every state machine.") { loud };
            hello.SetAction(parse =>
            {
                foreach (var m in context.Machines) context.Out.WriteLine((parse.GetValue(loud) ? "HELLO " : "hello ") + m.Name);
                return 0;
            });
            yield return hello;
        }
    }

    private sealed class Clash : IFlowstateCommandModule
    {
        public IEnumerable<Command> CreateCommands(FlowstateCommandContext context) { yield return new Command("export", "Another export."); }
    }

    private static (int Code, string Out, string Err) Run(IReadOnlyList<IFlowstateCommandModule> modules, params string[] args)
    {
        var stdout = new StringWriter { NewLine = "\n" };
        var stderr = new StringWriter { NewLine = "\n" };
        var code = FlowstateConsole.Run(args, Machines, modules, stdout, stderr);
        return (code, stdout.ToString(), stderr.ToString());
    }

    [Fact]
    public void ModuleCommand_RunsWithItsOptions()
    {
        Assert.Equal((0, "hello orders\n", ""), Run(new[] { new Greeter() }, "hello"));
        Assert.Equal((0, "HELLO orders\n", ""), Run(new[] { new Greeter() }, "hello", "--loud"));
    }

    [Fact]
    public void RootHelp_ListsTheModulesCommands()
    {
        var (code, output, _) = Run(new[] { new Greeter() }, "--help");
        Assert.Equal(0, code);
        Assert.StartsWith("usage:\n", output, StringComparison.Ordinal);
        Assert.Contains("hello", output, StringComparison.Ordinal);
        Assert.Contains("Greet every state machine.", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hello")]
    [InlineData("export")]
    [InlineData("graph")]
    [InlineData("list")]
    public void EveryCommand_HasHelp(string command)
    {
        var (code, output, error) = Run(new[] { new Greeter() }, command, "--help");
        Assert.Equal(0, code);
        Assert.Empty(error);
        Assert.Contains("Usage:", output, StringComparison.Ordinal);
        Assert.Contains(command, output, StringComparison.Ordinal);
    }

    [Fact]
    public void ModuleCommand_UnknownOption_IsAUsageErrorNamingIt()
    {
        var (code, _, error) = Run(new[] { new Greeter() }, "hello", "--bogus");
        Assert.Equal(2, code);
        Assert.Contains("--bogus", error, StringComparison.Ordinal);
        Assert.Contains("hello --help", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoCommandsOfOneName_FailWithAMessage()
    {
        var (code, _, error) = Run(new IFlowstateCommandModule[] { new Clash() }, "list");
        Assert.Equal(1, code);
        Assert.Contains("two commands are named 'export'", error, StringComparison.Ordinal);
    }
}
