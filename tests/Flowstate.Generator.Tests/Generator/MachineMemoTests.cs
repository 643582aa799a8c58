using Flowstate.Generator.Parsing;
using Flowstate.Generator.Tests.Support;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Text;

namespace Flowstate.Generator.Tests.Generator;

/// <summary>
/// The generator's memo of parsed machines (MachineMemo) reuses a parse only when nothing it depends
/// on changed: an edit elsewhere reuses it; a change to a constant, a type or a preprocessor symbol
/// that the machine's attributes depend on is seen.
/// </summary>
public class MachineMemoTests
{
    private const string SelfContained = """
        using Flowstate;

        namespace Demo;

        [StateMachine("memo-orders")]
        public partial class MemoOrders
        {
            [LambdaInvoke("arn:aws:lambda:us-east-1:123456789012:function:f", PayloadPath = "$", Next = typeof(Done))]
            [Retry(LambdaErrors.ServiceException, IntervalSeconds = 2, MaxAttempts = 3, BackoffRate = 1.5)]
            [Catch(typeof(Failed), StatesErrors.All, ResultPath = "$.error")]
            public class Work;

            [Succeed] public class Done;
            [Fail(Error = "Boom")] public class Failed;
        }
        """;

    private const string Other = """
        namespace Demo;

        public static class Helper
        {
            public static int Answer() => 41;
        }
        """;

    private static string Asl(GeneratorDriver driver, string hintName)
        => driver.GetRunResult().Results.Single().GeneratedSources.Single(s => s.HintName == hintName).SourceText.ToString();

    private static Compilation Replace(Compilation compilation, int index, string text)
    {
        var tree = compilation.SyntaxTrees.ElementAt(index);
        return compilation.ReplaceSyntaxTree(tree, tree.WithChangedText(SourceText.From(text)));
    }

    [Fact]
    public void EditInAnotherFile_ReusesTheParse_SameOutput()
    {
        var compilation = CompilationFactory.Create(SelfContained, Other);
        var driver = CompilationGeneratorRunner.CreateDriver().RunGenerators(compilation);
        var before = Asl(driver, "Demo.MemoOrders.g.cs");

        var hits = MachineMemo.HitsOnThisThread;
        driver = driver.RunGenerators(Replace(compilation, 1, Other.Replace("41", "42")));

        Assert.Equal(hits + 1, MachineMemo.HitsOnThisThread);
        Assert.Equal(before, Asl(driver, "Demo.MemoOrders.g.cs"));
    }

    [Fact]
    public void ConstantFromAnotherFile_ChangedThere_IsSeen()
    {
        const string machine = """
            using Flowstate;

            namespace Demo;

            [StateMachine("memo-const")]
            public partial class MemoConst
            {
                [LambdaInvoke(Settings.Function, End = true)] public class Work;
            }
            """;
        const string settings = """
            namespace Demo;

            public static class Settings
            {
                public const string Function = "arn:aws:lambda:us-east-1:123456789012:function:first";
            }
            """;
        var compilation = CompilationFactory.Create(machine, settings);
        var driver = CompilationGeneratorRunner.CreateDriver().RunGenerators(compilation);
        Assert.Contains("function:first", Asl(driver, "Demo.MemoConst.g.cs"));

        driver = driver.RunGenerators(Replace(compilation, 1, settings.Replace("function:first", "function:second")));

        Assert.Contains("function:second", Asl(driver, "Demo.MemoConst.g.cs"));
    }

    [Fact]
    public void TypeDeclaredInAnotherFile_ShadowingAFlowstateName_IsSeen()
    {
        var compilation = CompilationFactory.Create(SelfContained, Other);
        var driver = CompilationGeneratorRunner.CreateDriver().RunGenerators(compilation);
        Assert.Contains("\"\"States.ALL\"\"", Asl(driver, "Demo.MemoOrders.g.cs"));

        // Demo.StatesErrors is nearer than the using's Flowstate.StatesErrors: StatesErrors.All now means this.
        const string shadow = """
            namespace Demo;

            public static class StatesErrors
            {
                public const string All = "Custom.Everything";
            }
            """;
        driver = driver.RunGenerators(Replace(compilation, 1, Other + "\n" + shadow.Replace("namespace Demo;", "")));

        Assert.Contains("\"\"Custom.Everything\"\"", Asl(driver, "Demo.MemoOrders.g.cs"));
    }

    [Fact]
    public void PreprocessorSymbolChanged_IsSeen()
    {
        const string machine = """
            using Flowstate;

            namespace Demo;

            [StateMachine("memo-if")]
            public partial class MemoIf
            {
            #if PROD
                [Pass(Result = "{\"env\": \"prod\"}", End = true)] public class Only;
            #else
                [Pass(Result = "{\"env\": \"dev\"}", End = true)] public class Only;
            #endif
            }
            """;
        var compilation = CompilationFactory.Create(machine);
        var driver = CompilationGeneratorRunner.CreateDriver().RunGenerators(compilation);
        Assert.Contains("\"\"dev\"\"", Asl(driver, "Demo.MemoIf.g.cs"));

        var prod = CompilationFactory.ParseOptions.WithPreprocessorSymbols("PROD");
        var tree = compilation.SyntaxTrees.Single();
        var withProd = compilation.ReplaceSyntaxTree(tree, CSharpSyntaxTree.ParseText(machine, prod, tree.FilePath));
        driver = CompilationGeneratorRunner.CreateDriver(prod).RunGenerators(withProd);

        Assert.Contains("\"\"prod\"\"", Asl(driver, "Demo.MemoIf.g.cs"));
    }
}
