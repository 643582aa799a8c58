using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using Flowstate.Local;

namespace Flowstate.Benchmarks;

/// <summary>
/// The local runner's two workloads (issue 9), shared by BenchmarkDotNet, `smoke` and `runner`
/// (the side-by-side run with aws-local-stepfunctions):
/// - the 25-state synthetic machine m0001 of set 1x25 (Lambda chain with Retry/Catch, Choice,
///   Parallel, Wait, Map over 3 items), every Task answering the same Lambda response;
/// - one execution of a Map over 10,000 items, each iteration a mocked Task then a Pass that keeps
///   only the score (so the Map's result, 10,000 numbers, stays under the 256 KiB payload limit that
///   Flowstate.Local enforces as AWS does; aws-local-stepfunctions does not check it).
/// The mocks are a Step Functions Local mock config for Flowstate.Local and the same responses as
/// local handlers for aws-local-stepfunctions (tests/local-sfn-node/run-cases.mjs).
/// </summary>
public static class RunnerScenarios
{
    public const string LambdaResponse = """{ "Payload": { "count": 3, "location": "s3://bucket/out", "rows": 10, "status": "ok" }, "StatusCode": 200 }""";
    public const string SyntheticInput = """{ "runId": "r-1", "items": [ { "id": 1 }, { "id": 2 }, { "id": 3 } ], "rowCount": 50, "mode": "full", "region": "eu-west-1", "dryRun": false, "partition": "2026-01-01" }""";
    public const int MapItems = 10_000;

    public const string MapDefinition = """
        {
          "StartAt": "ForEachRow",
          "States": {
            "ForEachRow": {
              "Type": "Map",
              "ItemsPath": "$.rows",
              "ItemSelector": { "row.$": "$$.Map.Item.Value", "index.$": "$$.Map.Item.Index" },
              "MaxConcurrency": 40,
              "ItemProcessor": {
                "ProcessorConfig": { "Mode": "INLINE" },
                "StartAt": "ScoreRow",
                "States": {
                  "ScoreRow": { "Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Parameters": { "FunctionName": "score", "Payload.$": "$" }, "ResultSelector": { "score.$": "$.Payload.count" }, "ResultPath": "$.scored", "Next": "KeepRow" },
                  "KeepRow": { "Type": "Pass", "OutputPath": "$.scored.score", "End": true }
                }
              },
              "ResultPath": "$.scores",
              "Next": "Done"
            },
            "Done": { "Type": "Pass", "Parameters": { "count.$": "States.ArrayLength($.scores)" }, "End": true }
          }
        }
        """;

    public static string MapInput { get; } = new JsonObject { ["rows"] = new JsonArray(Enumerable.Range(0, MapItems).Select(i => (JsonNode)JsonValue.Create(i)).ToArray()) }.ToJsonString();

    /// <summary>The 25-state synthetic machine (benchmarks/out/synthetic/1x25/m0001.asl.json, written by make-synthetic.mjs).</summary>
    public static string SyntheticDefinition() => File.ReadAllText(Path.Combine(Workload.EnsureAsl(1, 25), "m0001.asl.json"));

    /// <summary>Every Task state of a definition (all scopes).</summary>
    public static List<string> TaskStates(string definition) => Flowstate.Tests.Shared.AslStates.TaskNames(JsonNode.Parse(definition));

    /// <summary>A mock config where every Task answers <see cref="LambdaResponse"/> on every call.</summary>
    public static string MockConfig(string definition)
    {
        var cases = new JsonObject();
        foreach (var task in TaskStates(definition)) cases[task] = "Lambda";
        return new JsonObject
        {
            ["StateMachines"] = new JsonObject { ["bench"] = new JsonObject { ["TestCases"] = new JsonObject { ["ok"] = cases } } },
            ["MockedResponses"] = new JsonObject { ["Lambda"] = new JsonObject { ["0-100000000"] = new JsonObject { ["Return"] = JsonNode.Parse(LambdaResponse) } } },
        }.ToJsonString();
    }

    /// <summary>A runner for the definition with its mocks (compiled once; each Run is one execution).</summary>
    public static LocalRunner Runner(string definition)
    {
        var runner = LocalRunner.FromAsl(definition, "bench").UseMockConfig(Flowstate.Local.MockConfig.Parse(MockConfig(definition)), "ok");
        // A 10,000-item Map writes ~90,000 history events: over Standard's 25,000 limit, which the runner enforces by default.
        runner.Options.MaxHistoryEvents = 1_000_000;
        return runner;
    }

    /// <summary>One execution; throws unless it succeeded (a benchmark of a failing run would time the wrong thing).</summary>
    public static ExecutionResult RunChecked(LocalRunner runner, string input)
    {
        var result = runner.Run(input);
        if (result.Status != ExecutionStatus.Succeeded) throw new InvalidOperationException($"the benchmark execution did not succeed: {result}");
        return result;
    }

    /// <summary>The batch file run-cases.mjs reads: the same definition, input and responses.</summary>
    public static string NodeCases(string definition, string input)
    {
        var mocks = new JsonObject();
        foreach (var task in TaskStates(definition)) mocks[task] = new JsonArray(new JsonObject { ["return"] = JsonNode.Parse(LambdaResponse) });
        return new JsonArray(new JsonObject { ["id"] = "bench", ["loopLimit"] = 0, ["definition"] = JsonNode.Parse(definition), ["input"] = JsonNode.Parse(input), ["mocks"] = mocks }).ToJsonString();
    }

    public static string HarnessDirectory => Path.Combine(Workload.RepositoryRoot, "tests", "local-sfn-node");

    /// <summary>Runs the case through aws-local-stepfunctions: with <paramref name="benchSeconds"/>, repeatedly for that long; returns run-cases.mjs's JSON.</summary>
    public static JsonNode RunNode(string definition, string input, double? benchSeconds)
    {
        if (!File.Exists(Path.Combine(HarnessDirectory, "node_modules", "aws-local-stepfunctions", "package.json")))
            Exec("npm", new[] { "ci", "--no-audit", "--no-fund" }, "npm ci in tests/local-sfn-node (needs npm and the npm registry)");
        var file = Path.Combine(Workload.OutDirectory, $"runner-cases-{Environment.ProcessId}.json");
        Directory.CreateDirectory(Workload.OutDirectory);
        File.WriteAllText(file, NodeCases(definition, input));
        try
        {
            var args = new List<string> { "run-cases.mjs", file };
            if (benchSeconds is { } s) args.AddRange(new[] { "--bench", s.ToString(CultureInfo.InvariantCulture) });
            return JsonNode.Parse(Exec("node", args, "aws-local-stepfunctions (node >= 20 on PATH)"))!;
        }
        finally
        {
            File.Delete(file);
        }
    }

    private static string Exec(string program, IEnumerable<string> args, string what)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = HarnessDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args) start.ArgumentList.Add(a);
        Process process;
        try { process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start"); }
        catch (System.ComponentModel.Win32Exception e) { throw new InvalidOperationException($"cannot start {what}: {e.Message}", e); }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0) throw new InvalidOperationException($"{what} failed ({process.ExitCode}): {stderr.Result}");
            return stdout;
        }
    }

    /// <summary>
    /// `runner [--seconds S]`: aws-local-stepfunctions (run-cases.mjs --bench S, after one checked run) and
    /// Flowstate.Local (BenchmarkDotNet, below) on the same two workloads, in one run; prints both and the ratio.
    /// </summary>
    public static int Compare(string[] args)
    {
        var seconds = args.Length == 2 && args[0] == "--seconds" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 20;
        var workloads = new[] { ("25-state synthetic machine", SyntheticDefinition(), SyntheticInput, nameof(RunnerBenchmarks.Synthetic25States)), ("Map over 10,000 items", MapDefinition, MapInput, nameof(RunnerBenchmarks.Map10000Items)) };
        var node = new Dictionary<string, (double PerSecond, long Executions, double HeapBytes)>();
        foreach (var (label, definition, input, method) in workloads)
        {
            var check = RunNode(definition, input, null)[0]!;
            if ((string?)check["status"] != "SUCCEEDED") throw new InvalidOperationException($"aws-local-stepfunctions did not succeed on the {label}: {check.ToJsonString()}");
            var bench = RunNode(definition, input, seconds);
            node[method] = ((double)bench["executionsPerSecond"]!, (long)bench["executions"]!, (double)bench["heapUsedBytes"]!);
            Console.WriteLine($"aws-local-stepfunctions, {label}: {(double)bench["executionsPerSecond"]!:F2} executions/s ({bench["executions"]} in {(double)bench["seconds"]!:F1} s)");
        }

        var summary = BenchmarkRunner.Run<RunnerBenchmarks>(DefaultConfig.Instance
            // In process: no generated project to build (a separate build timed out on the shared, loaded machine).
            .AddJob(Job.Default.WithWarmupCount(3).WithIterationCount(10).WithToolchain(BenchmarkDotNet.Toolchains.InProcess.Emit.InProcessEmitToolchain.Instance))
            .WithArtifactsPath(Path.Combine(Workload.OutDirectory, "BenchmarkDotNet.Artifacts")));
        Console.WriteLine();
        Console.WriteLine("| Workload | aws-local-stepfunctions 3.0.0 | Flowstate.Local | Ratio | Flowstate.Local allocated per execution |");
        Console.WriteLine("|---|---:|---:|---:|---:|");
        var failed = false;
        foreach (var (label, _, _, method) in workloads)
        {
            var report = summary.Reports.FirstOrDefault(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method && r.ResultStatistics is not null);
            if (report is null) { Console.WriteLine($"| {label} | {node[method].PerSecond:F2}/s | (no result) | | |"); failed = true; continue; }
            var perSecond = 1e9 / report.ResultStatistics!.Mean;
            var allocated = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase);
            Console.WriteLine($"| {label} | {node[method].PerSecond:F2}/s | {perSecond:F2}/s | {perSecond / node[method].PerSecond:F1}x | {Bytes(allocated)} |");
        }
        return failed ? 1 : 0;
    }

    private static string Bytes(long? bytes) => bytes is null ? "n/a" : bytes.Value >= 1 << 20 ? $"{bytes.Value / 1048576.0:F1} MiB" : $"{bytes.Value / 1024.0:F1} KiB";
}

/// <summary>Flowstate.Local's executions (see <see cref="RunnerScenarios"/>): time and memory per execution.</summary>
[MemoryDiagnoser]
public class RunnerBenchmarks
{
    private LocalRunner _synthetic = null!;
    private LocalRunner _map = null!;

    [GlobalSetup]
    public void Setup()
    {
        _synthetic = RunnerScenarios.Runner(RunnerScenarios.SyntheticDefinition());
        _map = RunnerScenarios.Runner(RunnerScenarios.MapDefinition);
    }

    [Benchmark(Description = "one execution, 25-state synthetic machine, mocked tasks")]
    public ExecutionResult Synthetic25States() => RunnerScenarios.RunChecked(_synthetic, RunnerScenarios.SyntheticInput);

    [Benchmark(Description = "one execution, Map over 10,000 items")]
    public ExecutionResult Map10000Items() => RunnerScenarios.RunChecked(_map, RunnerScenarios.MapInput);
}
