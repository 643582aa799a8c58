using System.Reflection;
using Flowstate.Conformance.Tests.Support;
using Flowstate.Core.Asl;
using Flowstate.Core.Validation;
using Flowstate.Hosting;

namespace Flowstate.Conformance.Tests;

/// <summary>
/// Test C: every state machine of samples/DailyEtl, exported the way a user exports it (the
/// generated manifest through FlowstateConsole's <c>export</c>), passes both outside judges with
/// nothing to forgive: no known-false-positive list applies to what Flowstate itself writes.
/// </summary>
[Collection(JudgesCollection.Name)]
public sealed class SampleConformanceTests(NodeJudges judges) : IDisposable
{
    private readonly string _out = Directory.CreateTempSubdirectory("flowstate-sample-").FullName;

    public void Dispose() => Directory.Delete(_out, recursive: true);

    private static Assembly Sample => typeof(DailyEtl.DailyEtlPipeline).Assembly;

    private static IReadOnlyList<StateMachineDefinition> SampleMachines()
    {
        // The generated manifest, as the generated Main hands it to FlowstateConsole.
        var manifest = Sample.GetType("Flowstate.Generated.FlowstateManifest", throwOnError: true)!;
        var property = manifest.GetProperty("StateMachines", BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException("Flowstate.Generated.FlowstateManifest has no public static StateMachines.");
        return ((IEnumerable<StateMachineDefinition>)property.GetValue(null)!).ToList();
    }

    [Fact]
    public void Sample_Assembly_HasTheGeneratedEntryPoint()
    {
        Assert.NotNull(Sample.EntryPoint);
    }

    [Fact]
    public void Sample_Manifest_ListsTheDailyEtlMachine()
    {
        var machine = Assert.Single(SampleMachines(), m => m.Name == "daily-etl");
        Assert.Equal(typeof(DailyEtl.DailyEtlPipeline), machine.DeclaringType);
    }

    [Fact]
    public void Sample_EveryExportedDefinition_PassesBothJudgesWithoutFindings()
    {
        var machines = SampleMachines();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();

        var exit = FlowstateConsole.Run(new[] { "export", "--out", _out }, machines, stdout, stderr);

        Assert.True(exit == 0, $"export exited with {exit}:\n{stdout}\n{stderr}");
        var files = Directory.GetFiles(_out, "*.asl.json").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(machines.Select(m => m.Name + ".asl.json").Order(StringComparer.Ordinal), files.Select(Path.GetFileName));

        var verdicts = judges.Validate(files);

        var findings = verdicts.SelectMany(v => v.Findings).ToList();
        Assert.True(findings.Count == 0, FindingsReport.Describe("The sample's ASL draws findings from the outside judges:", findings));
        Assert.All(verdicts, v => Assert.True(v.AslValidatorValid, $"asl-validator rejects {v.FileName}"));
    }

    [Fact]
    public void Sample_EveryDefinition_DrawsNothingFromFlowstatesOwnRules()
    {
        // The showcase must not need a suppression: not even a best-practice suggestion.
        foreach (var machine in SampleMachines())
        {
            var read = AslReader.Read(machine.AslJson, machine.Name);
            Assert.NotNull(read.Spec);
            Assert.Empty(read.Diagnostics);

            var diagnostics = SpecValidator.Validate(read.Spec!, CancellationToken.None);

            Assert.True(diagnostics.Count == 0,
                $"{machine.Name}: " + string.Join("\n", diagnostics.Select(d => $"{d.Id} at line {d.Location.StartLine + 1}: {string.Join(" | ", d.MessageArgs)}")));
        }
    }
}
