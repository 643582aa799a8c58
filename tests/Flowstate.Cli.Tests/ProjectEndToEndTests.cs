using System.Diagnostics;
using Flowstate.Cli.Tests.Support;
using Flowstate.Cli.Importing;
using Flowstate.Core.Json;

namespace Flowstate.Cli.Tests;

/// <summary>
/// What a user does: `flowstate import ... --out DIR --project`, then `dotnet run --project DIR --
/// export --out OUT`. Builds a real project against this checkout (--flowstate-source), so it takes
/// a while; the in-process round trip covers the whole corpus, this covers the project and the tool chain.
/// </summary>
[Trait("Category", "EndToEnd")]
public sealed class ProjectEndToEndTests : IDisposable
{
    // Diverse on purpose: typed integrations, Choice, Map with ItemProcessor, Parallel, JSONata, callbacks.
    private static readonly string[] Files =
    {
        "account-vending-machine_statemachine_statemachine.asl.json",
        "inventory-management-sam_statemachine_check-inventory-level-statemachine.asl.json",
        "web-contact-form-processor-tf_statemachines_statemachine.asl.json",
        "batch-lambda-sam_statemachine_statemachine.asl.json",
        "bedrock-invokemodel_statemachine_StateMachine.asl.json",
    };

    private readonly string _temp = Directory.CreateTempSubdirectory("flowstate-e2e-").FullName;

    public void Dispose()
    {
        try { Directory.Delete(_temp, recursive: true); }
        catch (IOException) { /* a build server may still hold a file; the OS cleans temp */ }
    }

    /// <summary>
    /// Issue 11, items 18 to 20: a definition named Program whose states are named like the members
    /// of object, with a loop that draws an analyzer warning (FLOW1009).
    /// </summary>
    private const string ProgramDefinition = """
        {
          "StartAt": "Equals",
          "States": {
            "Equals": { "Type": "Choice", "Choices": [ { "Variable": "$.done", "BooleanEquals": true, "Next": "ToString" } ], "Default": "GetHashCode" },
            "GetHashCode": { "Type": "Pass", "Next": "GetType" },
            "GetType": { "Type": "Pass", "Next": "MemberwiseClone" },
            "MemberwiseClone": { "Type": "Pass", "Next": "Finalize" },
            "Finalize": { "Type": "Pass", "Next": "ReferenceEquals" },
            "ReferenceEquals": { "Type": "Pass", "Next": "Program" },
            "Program": { "Type": "Pass", "Next": "Equals" },
            "ToString": { "Type": "Succeed" }
          }
        }
        """;

    /// <summary>
    /// Issue 11, item 19: the project is written inside a folder whose build files would break or
    /// change any project below it. The generated project must not see them.
    /// </summary>
    private static void WriteHostileParent(string folder)
    {
        Directory.CreateDirectory(folder);
        const string fail = """<Target Name="HostileParent{1}" BeforeTargets="Restore;CollectPackageReferences;Build;CoreCompile"><Error Text="the parent folder's {0} was imported" /></Target>""";
        File.WriteAllText(Path.Combine(folder, "hostile.targets"), "<Project>" + string.Format(System.Globalization.CultureInfo.InvariantCulture, fail, "hostile.targets", "Import") + "</Project>");
        File.WriteAllText(Path.Combine(folder, "Directory.Build.props"), """
            <Project>
              <PropertyGroup><TreatWarningsAsErrors>true</TreatWarningsAsErrors><Nullable>disable</Nullable></PropertyGroup>
              <Import Project="hostile.targets" />
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Directory.Build.targets"), "<Project>" + string.Format(System.Globalization.CultureInfo.InvariantCulture, fail, "Directory.Build.targets", "Targets") + "</Project>");
        File.WriteAllText(Path.Combine(folder, "Directory.Packages.props"), """
            <Project>
              <PropertyGroup><ManagePackageVersionsCentrally>true</ManagePackageVersionsCentrally></PropertyGroup>
              <ItemGroup><GlobalPackageReference Include="Flowstate.Hostile.Does.Not.Exist" Version="9.9.9" /></ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(folder, "Directory.Build.rsp"), "-warnaserror\n-p:TreatWarningsAsErrors=true\n");
        File.WriteAllText(Path.Combine(folder, ".editorconfig"), "root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.severity = error\n");
    }

    [Fact]
    public void ImportProject_DotnetRunExport_WritesEquivalentAsl()
    {
        var hostileDefinition = Path.Combine(_temp, "Program.asl.json");
        File.WriteAllText(hostileDefinition, ProgramDefinition);
        var inputs = Files.Select(f => Path.Combine(TestPaths.Corpus, f)).Append(hostileDefinition).ToArray();
        foreach (var input in inputs) Assert.True(File.Exists(input), input);
        var parent = Path.Combine(_temp, "hostile-parent");
        WriteHostileParent(parent);
        var projectDir = Path.Combine(parent, "ImportedFlows");
        var outDir = Path.Combine(_temp, "out");

        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = FlowstateCli.Run(inputs.Concat(new[] { "--out", projectDir, "--project", "--flowstate-source", TestPaths.RepositoryRoot }).Prepend("import").ToArray(), stdout, stderr);
        Assert.True(code == 0, stderr.ToString());
        Assert.True(File.Exists(Path.Combine(projectDir, "ImportedFlows.csproj")));

        var (exit, output) = Dotnet(_temp, "run", "--project", projectDir, "--", "export", "--out", outDir);
        Assert.True(exit == 0, output);

        foreach (var input in inputs)
        {
            var name = MachineNames.FromFileName(input);
            var exported = Path.Combine(outDir, name + ".asl.json");
            Assert.True(File.Exists(exported), $"{exported} was not exported:\n{output}");
            var differences = JsonEquivalence.Differences(JsonReader.Parse(File.ReadAllText(input)).Value!, JsonReader.Parse(File.ReadAllText(exported)).Value!);
            Assert.True(differences.Count == 0, $"{name}:\n  " + string.Join("\n  ", differences));
        }
    }

    private static (int ExitCode, string Output) Dotnet(string workingDirectory, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) start.ArgumentList.Add(a);
        // The test host's MSBuild settings must not leak into the child build.
        foreach (var key in start.Environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase) || k == "VSTEST_HOST_DEBUG").ToList())
            start.Environment.Remove(key);
        // No build server or node left running after the test (it would hold files in the temp directory).
        start.Environment["MSBUILDDISABLENODEREUSE"] = "1";
        start.Environment["DOTNET_CLI_DO_NOT_USE_MSBUILD_SERVER"] = "1";
        start.Environment["UseSharedCompilation"] = "false";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(10)))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out\n" + stdout.Result + stderr.Result);
        }
        return (process.ExitCode, stdout.Result + stderr.Result);
    }
}
