using Flowstate.Cli.Tests.Support;
using Flowstate.Core.Asl;
using Flowstate.Cli.Importing;

namespace Flowstate.Cli.Tests;

public sealed class CliTests : IDisposable
{
    private const string Minimal = """{ "StartAt": "Done", "States": { "Done": { "Type": "Succeed" } } }""";

    private readonly string _temp = Directory.CreateTempSubdirectory("flowstate-cli-tests-").FullName;

    public void Dispose() => Directory.Delete(_temp, recursive: true);

    private sealed record Outcome(int ExitCode, string Stdout, string Stderr)
    {
        public string All => Stdout + Stderr;
    }

    private static Outcome Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = FlowstateCli.Run(args, stdout, stderr);
        return new Outcome(code, stdout.ToString().Replace("\r\n", "\n"), stderr.ToString().Replace("\r\n", "\n"));
    }

    private string Input(string fileName, string text)
    {
        var path = Path.Combine(_temp, fileName);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
        return path;
    }

    private string Out(string name = "out") => Path.Combine(_temp, name);

    private static void AssertNoStackTrace(Outcome o)
    {
        Assert.DoesNotContain("   at ", o.All, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", o.All, StringComparison.Ordinal);
    }

    // ---- usage errors: exit 2 ---------------------------------------------------------------------

    [Fact]
    public void NoCommand_UsageError_Exit2()
    {
        var o = Run();
        Assert.Equal(2, o.ExitCode);
        Assert.Contains("error:", o.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownCommand_UsageError_Exit2()
        => Assert.Equal(2, Run("frobnicate").ExitCode);

    [Fact]
    public void Import_WithoutOut_Exit2AndNamesTheOption()
    {
        var o = Run("import", Input("a.asl.json", Minimal));
        Assert.Equal(2, o.ExitCode);
        Assert.Contains("--out", o.Stderr, StringComparison.Ordinal);
        Assert.Empty(Directory.GetFiles(_temp, "*.cs", SearchOption.AllDirectories));
    }

    [Fact]
    public void Import_WithoutFiles_Exit2()
    {
        var o = Run("import", "--out", Out());
        Assert.Equal(2, o.ExitCode);
        Assert.False(Directory.Exists(Out()));
    }

    [Fact]
    public void Import_UnknownOption_Exit2AndNothingWritten()
    {
        var o = Run("import", Input("a.asl.json", Minimal), "--out", Out(), "--bogus");
        Assert.Equal(2, o.ExitCode);
        Assert.Contains("--bogus", o.Stderr, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Out()));
    }

    [Theory]
    [InlineData("1Bad")]
    [InlineData("Acme..Flows")]
    [InlineData("class")]
    [InlineData("Acme-Flows")]
    public void Import_InvalidNamespace_Exit2(string ns)
    {
        var o = Run("import", Input("a.asl.json", Minimal), "--out", Out(), "--namespace", ns);
        Assert.Equal(2, o.ExitCode);
        Assert.Contains("namespace", o.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_FlowstateSourceWithoutProject_Exit2()
        => Assert.Equal(2, Run("import", Input("a.asl.json", Minimal), "--out", Out(), "--flowstate-source", TestPaths.RepositoryRoot).ExitCode);

    [Fact]
    public void Import_FlowstateSourceNotACheckout_Exit2()
    {
        var o = Run("import", Input("a.asl.json", Minimal), "--out", Out(), "--project", "--flowstate-source", _temp);
        Assert.Equal(2, o.ExitCode);
        Assert.Contains("src/Flowstate/Flowstate.csproj", o.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void RootHelp_Exit0_NamesTheToolFlowstateAndListsImport()
    {
        var o = Run("--help");
        Assert.Equal(0, o.ExitCode);
        Assert.Contains("flowstate [command] [options]", o.Stdout, StringComparison.Ordinal);
        Assert.Contains("import <files>", o.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_Exit0_PrintsTheVersion()
    {
        var o = Run("--version");
        Assert.Equal(0, o.ExitCode);
        Assert.StartsWith(FlowstateCli.Version, o.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void ImportHelp_Exit0AndDescribesTheOptions()
    {
        var o = Run("import", "--help");
        Assert.Equal(0, o.ExitCode);
        Assert.Contains("flowstate import <files>... [options]", o.Stdout, StringComparison.Ordinal);
        foreach (var option in new[] { "--out", "--project", "--flowstate-source", "--namespace" })
            Assert.Contains(option, o.Stdout, StringComparison.Ordinal);
    }

    // ---- importing ----------------------------------------------------------------------------------

    [Fact]
    public void Import_ValidFile_WritesTheWritersSourceAndExit0()
    {
        var input = Input("daily etl.asl.json", Minimal);
        var o = Run("import", input, "--out", Out("workflows"));
        Assert.Equal(0, o.ExitCode);
        Assert.Equal("", o.Stderr);

        var file = Path.Combine(Out("workflows"), "DailyEtl.cs");
        Assert.Contains($"wrote {file} (daily-etl)", o.Stdout, StringComparison.Ordinal);
        var expected = DslWriter.Write(AslReader.Read(Minimal, "daily-etl").Spec!, new DslWriterOptions
        {
            Namespace = "Workflows",
            ClassName = "DailyEtl",
            HeaderComment = $"Imported from daily etl.asl.json by flowstate import {FlowstateCli.Version}.",
        });
        Assert.Equal(expected.Source, File.ReadAllText(file));
    }

    [Fact]
    public void Import_Namespace_IsUsed()
    {
        Run("import", Input("a.asl.json", Minimal), "--out", Out(), "--namespace", "Acme.Flows");
        Assert.Contains("namespace Acme.Flows;", File.ReadAllText(Path.Combine(Out(), "A.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_InvalidJson_ReportsLineAndColumn_OtherFilesStillWritten_Exit1()
    {
        var bad = Input("bad.asl.json", "{\n  \"StartAt\": \"A\",\n  \"States\": {,}\n}");
        var good = Input("good.asl.json", Minimal);
        var o = Run("import", bad, good, "--out", Out());
        Assert.Equal(1, o.ExitCode);
        Assert.Contains($"{bad}:3:14: invalid JSON:", o.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out(), "Good.cs")));
        Assert.False(File.Exists(Path.Combine(Out(), "Bad.cs")));
        AssertNoStackTrace(o);
    }

    [Fact]
    public void Import_NestingTooDeep_ReportsIt_Exit1()
    {
        var input = Input("deep.asl.json", new string('[', 10_000) + new string(']', 10_000));
        var o = Run("import", input, "--out", Out());
        Assert.Equal(1, o.ExitCode);
        Assert.Contains($"{input}:1:", o.Stderr, StringComparison.Ordinal);
        Assert.Contains("nesting deeper than", o.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(o);
    }

    [Fact]
    public void Import_FileWithUtf8Bom_Imported()
    {
        var path = Path.Combine(_temp, "bom.asl.json");
        File.WriteAllText(path, Minimal, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
        Assert.Equal(0, Run("import", path, "--out", Out()).ExitCode);
        Assert.True(File.Exists(Path.Combine(Out(), "Bom.cs")));
    }

    [Fact]
    public void Import_WrittenFile_IsUtf8WithoutBom()
    {
        Run("import", Input("a.asl.json", Minimal), "--out", Out());
        var bytes = File.ReadAllBytes(Path.Combine(Out(), "A.cs"));
        Assert.NotEqual(0xEF, bytes[0]);
    }

    [Fact]
    public void Import_TopLevelNotAnObject_ReportsWhat_Exit1()
    {
        var input = Input("list.asl.json", "[1, 2]");
        var o = Run("import", input, "--out", Out());
        Assert.Equal(1, o.ExitCode);
        Assert.Contains($"{input}:1:1: invalid definition: a state machine definition must be a JSON object", o.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_MissingFile_ReportsIt_OthersWritten_Exit1()
    {
        var missing = Path.Combine(_temp, "nope.asl.json");
        var o = Run("import", missing, Input("ok.asl.json", Minimal), "--out", Out());
        Assert.Equal(1, o.ExitCode);
        Assert.Contains($"{missing}: cannot read the file: no such file", o.Stderr, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Out(), "Ok.cs")));
        AssertNoStackTrace(o);
    }

    [Fact]
    public void Import_DirectoryAsFile_SaysItIsADirectory_Exit1()
    {
        // Reading a directory fails with "access denied" on Linux, which would send users after permissions.
        var o = Run("import", _temp, "--out", Out());
        Assert.Equal(1, o.ExitCode);
        Assert.Contains($"{_temp}: is a directory; name the *.asl.json files in it", o.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(o);
    }

    [Fact]
    public void Import_OutIsAFile_ReportsIt_Exit1()
    {
        var blocker = Input("blocker", "x");
        var o = Run("import", Input("a.asl.json", Minimal), "--out", blocker);
        Assert.Equal(1, o.ExitCode);
        Assert.Contains("cannot create the output directory", o.Stderr, StringComparison.Ordinal);
        AssertNoStackTrace(o);
    }

    [Fact]
    public void Import_DefinitionWithoutStartAt_ErrorWithPointer_FileNotWritten_Exit1()
    {
        var input = Input("nostart.asl.json", """{ "States": { "A": { "Type": "Succeed" } } }""");
        var o = Run("import", input, "--out", Out());
        Assert.Equal(1, o.ExitCode);
        Assert.Contains($"{input}: /: the definition has no StartAt", o.Stderr, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Out(), "Nostart.cs")));
    }

    [Fact]
    public void Import_EscapeHatch_WarnsWithPointer_Exit0()
    {
        var input = Input("odd.asl.json", """{ "StartAt": "X", "States": { "X": { "Type": "Teleport" } } }""");
        var o = Run("import", input, "--out", Out());
        Assert.Equal(0, o.ExitCode);
        Assert.Contains($"{input}: /States/X: warning: written as [RawState] because its Type 'Teleport' is not a state type", o.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void Import_SameNameInTwoDirectories_MachineAndClassNamesMadeUnique()
    {
        var first = Input(Path.Combine("a", "orders.asl.json"), Minimal);
        var second = Input(Path.Combine("b", "orders.asl.json"), Minimal);
        var o = Run("import", first, second, "--out", Out());
        Assert.Equal(0, o.ExitCode);
        Assert.Contains("[StateMachine(\"orders\")]\npublic partial class Orders\n", File.ReadAllText(Path.Combine(Out(), "Orders.cs")), StringComparison.Ordinal);
        Assert.Contains("[StateMachine(\"orders-2\")]\npublic partial class Orders2\n", File.ReadAllText(Path.Combine(Out(), "Orders2.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void Import_ClassNamesDifferingOnlyInCase_MadeUnique()
    {
        // "ab" and "AB" are different machine names but would both be class Ab (and file Ab.cs).
        var o = Run("import", Input("ab.json", Minimal), Input(Path.Combine("x", "AB.json"), Minimal), "--out", Out());
        Assert.Equal(0, o.ExitCode);
        Assert.True(File.Exists(Path.Combine(Out(), "Ab.cs")));
        Assert.True(File.Exists(Path.Combine(Out(), "Ab2.cs")));
    }

    [Theory]
    [InlineData("orders.asl.json", "orders")]
    [InlineData("orders.json", "orders")]
    [InlineData("Daily ETL.ASL.JSON", "Daily-ETL")]
    [InlineData("a:b?c*d<e>f{g}h[i]j\"k#l%m\\n^o|p~q`r$s&t,u;v.json", "a-b-c-d-e-f-g-h-i-j-k-l-m-n-o-p-q-r-s-t-u-v")]
    [InlineData("tab\there.json", "tab-here")]
    [InlineData("orders.yaml", "orders.yaml")]
    [InlineData(".json", ".json")]
    public void MachineName_FromFileName(string fileName, string expected)
        => Assert.Equal(expected, MachineNames.FromFileName(fileName));

    [Fact]
    public void MachineName_LongFileName_CutTo80()
        => Assert.Equal(new string('x', 80), MachineNames.FromFileName(new string('x', 100) + ".asl.json"));

    [Fact]
    public void MachineName_CutNeverSplitsASurrogatePair()
    {
        var name = MachineNames.FromFileName(new string('x', 79) + "😀" + ".json");
        Assert.Equal(new string('x', 79), name);
    }

    // ---- --project ------------------------------------------------------------------------------------

    [Fact]
    public void Project_WithPackages_WritesCsprojAndProgram()
    {
        var o = Run("import", Input("a.asl.json", Minimal), "--out", Out("my-flows"), "--project");
        Assert.Equal(0, o.ExitCode);
        var csproj = File.ReadAllText(Path.Combine(Out("my-flows"), "my-flows.csproj"));
        Assert.Contains("<TargetFramework>net10.0</TargetFramework>", csproj, StringComparison.Ordinal);
        Assert.Contains("<OutputType>Exe</OutputType>", csproj, StringComparison.Ordinal);
        Assert.Contains("<RootNamespace>MyFlows</RootNamespace>", csproj, StringComparison.Ordinal);
        Assert.Contains($"<PackageReference Include=\"Flowstate\" Version=\"{FlowstateCli.Version}\" />", csproj, StringComparison.Ordinal);
        Assert.Contains($"<PackageReference Include=\"Flowstate.Generator\" Version=\"{FlowstateCli.Version}\" PrivateAssets=\"all\" />", csproj, StringComparison.Ordinal);
        Assert.DoesNotContain("ProjectReference", csproj, StringComparison.Ordinal);
        Assert.Contains("[assembly: Flowstate.FlowstateEntryPoint]", File.ReadAllText(Path.Combine(Out("my-flows"), "Program.cs")), StringComparison.Ordinal);
        Assert.Contains("namespace MyFlows;", File.ReadAllText(Path.Combine(Out("my-flows"), "A.cs")), StringComparison.Ordinal);
    }

    [Fact]
    public void Project_WithFlowstateSource_ReferencesTheCheckoutRelatively()
    {
        var o = Run("import", Input("a.asl.json", Minimal), "--out", Out("flows"), "--project", "--flowstate-source", TestPaths.RepositoryRoot);
        Assert.Equal(0, o.ExitCode);
        var csproj = File.ReadAllText(Path.Combine(Out("flows"), "flows.csproj"));
        var flowstate = Path.GetRelativePath(Out("flows"), Path.Combine(TestPaths.RepositoryRoot, "src", "Flowstate", "Flowstate.csproj"));
        var generator = Path.GetRelativePath(Out("flows"), Path.Combine(TestPaths.RepositoryRoot, "src", "Flowstate.Generator", "Flowstate.Generator.csproj"));
        Assert.Contains($"<ProjectReference Include=\"{flowstate}\" />", csproj, StringComparison.Ordinal);
        Assert.Contains($"<ProjectReference Include=\"{generator}\" OutputItemType=\"Analyzer\" ReferenceOutputAssembly=\"false\" />", csproj, StringComparison.Ordinal);
        Assert.DoesNotContain("PackageReference", csproj, StringComparison.Ordinal);
    }

    [Fact]
    public void Version_HasNoBuildMetadata()
    {
        Assert.Matches(@"^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$", FlowstateCli.Version);
    }
}
