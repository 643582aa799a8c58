using System;
using System.Collections.Generic;
using System.CommandLine;
using System.IO;
using System.Linq;
using System.Net.Http;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Threading;
using System.Threading.Tasks;
using Flowstate.Deploy.Aws;
using Flowstate.Deploy.Planning;

namespace Flowstate.Deploy;

/// <summary>Where the deploy commands write and what they talk to; tests replace the defaults.</summary>
public sealed class DeployHost
{
    public TextWriter Out { get; init; } = Console.Out;
    public TextWriter Error { get; init; } = Console.Error;
    public TextReader In { get; init; } = Console.In;
    public AwsEnvironment Environment { get; init; } = AwsEnvironment.Process;
    /// <summary>Null: a terminal on both ends (stdin and stdout not redirected).</summary>
    public bool? Interactive { get; init; }
    public HttpMessageHandler? HttpHandler { get; init; }
    public RetrySettings Retry { get; init; } = new();
    public DeploySettings Settings { get; init; } = DeploySettings.Default;
    /// <summary>The next run times of a schedule expression (UTC) in a time zone; null: not shown.</summary>
    public Func<IReadOnlyList<string>, string?, DateTime, int, IReadOnlyList<DateTime>>? NextRuns { get; init; }

    internal bool IsInteractive => Interactive ?? (!Console.IsInputRedirected && !Console.IsOutputRedirected);
}

/// <summary>
/// The deploy commands (plan, deploy, start, status, destroy) as System.CommandLine commands, so a
/// host command line (the generated Main, the flowstate tool) adds them next to its own.
/// </summary>
public static class DeployCommands
{
    private static readonly JsonSerializerOptions JsonOut = new()
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    private sealed class Common
    {
        public readonly Option<string> Stage = new("--stage") { Description = "The stage (environment) to act on: its values come from flowstate.<stage>.json", DefaultValueFactory = _ => "dev" };
        public readonly Option<string?> Region = new("--region") { Description = "AWS region (default: the values file, AWS_REGION, the profile)" };
        public readonly Option<string?> Profile = new("--profile") { Description = "AWS profile from ~/.aws/config (SSO and assume-role profiles work)" };
        public readonly Option<string?> EndpointUrl = new("--endpoint-url") { Description = "Send every AWS call to this URL (moto, LocalStack); also AWS_ENDPOINT_URL[_<SERVICE>]" };
        public readonly Option<string> Output = new("--output") { Description = "text or json (for CI)", DefaultValueFactory = _ => "text" };
        public readonly Option<string?> Values = new("--values") { Description = "The values file (default: flowstate.<stage>.json in the current or the project directory)" };
        public readonly Option<string?> Stack = new("--stack") { Description = "Which stack of the app (when it has more than one)" };
        public readonly Option<bool> Verbose = new("--verbose") { Description = "Log every AWS call (never its credentials or body)" };

        public Common() => Output.AcceptOnlyFromAmong("text", "json");

        public void AddTo(Command c)
        {
            c.Add(Stage); c.Add(Region); c.Add(Profile); c.Add(EndpointUrl); c.Add(Output); c.Add(Values); c.Add(Stack); c.Add(Verbose);
        }
    }

    public static IReadOnlyList<Command> Create(IReadOnlyList<DeployStack> stacks, DeployHost host)
    {
        var yes = new Option<bool>("--yes", "-y") { Description = "Do not ask: confirm replacements, removals and destroy (CI)" };

        var plan = new Command("plan", "Show what a deploy would change: resources, each state machine's states, schedules. Changes nothing.");
        var cPlan = new Common(); cPlan.AddTo(plan);
        plan.SetAction((p, ct) => Run(p, cPlan, stacks, host, ct, async (ctx, t) =>
        {
            var r = await ctx.Deployer.PlanAsync(t, ct).ConfigureAwait(false);
            ctx.Emit(r, PlanText.Render(r));
            return ExitCodes.Ok;
        }));

        var deploy = new Command("deploy", "Create or update the stack through a change set, following its progress; 'no changes' makes no write call.");
        var cDeploy = new Common(); cDeploy.AddTo(deploy); deploy.Add(yes);
        deploy.SetAction((p, ct) => Run(p, cDeploy, stacks, host, ct, async (ctx, t) =>
        {
            var r = await ctx.Deployer.DeployAsync(t, p.GetValue(yes), ct).ConfigureAwait(false);
            var lines = new List<string>();
            if (r.Outputs.Count > 0)
            {
                lines.Add("Outputs:");
                lines.AddRange(r.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"  {o.Key} = {o.Value}"));
            }
            ctx.Emit(r, lines);
            return ExitCodes.Ok;
        }));

        var machine = new Argument<string>("machine") { Description = "The state machine's name (as in [StateMachine(\"name\")]) or logical id" };
        var input = new Option<string?>("--input") { Description = "Execution input: JSON text, or @file.json" };
        var wait = new Option<bool>("--wait") { Description = "Follow the execution state by state until it ends; the exit code tells how it ended" };
        var name = new Option<string?>("--name") { Description = "Execution name (default: flowstate-<time>-<random>)" };
        var start = new Command("start", "Start an execution of a deployed state machine.");
        var cStart = new Common(); cStart.AddTo(start); start.Add(machine); start.Add(input); start.Add(wait); start.Add(name);
        start.SetAction((p, ct) => Run(p, cStart, stacks, host, ct, async (ctx, t) =>
        {
            var text = p.GetValue(input);
            if (text is not null && text.StartsWith('@'))
            {
                var file = Path.GetFullPath(text[1..]);
                if (!File.Exists(file)) throw new DeployException(ExitCodes.Usage, $"The input file {file} does not exist.");
                text = await File.ReadAllTextAsync(file, ct).ConfigureAwait(false);
            }
            var r = await ctx.Deployer.StartAsync(t, p.GetValue(machine)!, text, p.GetValue(name), p.GetValue(wait), ctx.Progress, ct).ConfigureAwait(false);
            var lines = new List<string>();
            if (p.GetValue(wait))
            {
                lines.Add($"Execution {r.Status}.");
                if (r.Error is not null || r.Cause is not null) lines.Add($"  error: {r.Error}\n  cause: {r.Cause}");
                if (r.Output is not null) lines.Add($"  output: {r.Output}");
            }
            ctx.Emit(r, lines);
            return r.Status switch
            {
                "SUCCEEDED" or "RUNNING" => ExitCodes.Ok,
                "TIMED_OUT" => ExitCodes.TimedOut,
                "ABORTED" => ExitCodes.Aborted,
                _ => ExitCodes.Failed,
            };
        }));

        var executions = new Option<int>("--executions") { Description = "How many recent executions to show per machine", DefaultValueFactory = _ => 5 };
        var status = new Command("status", "Show the stack, its outputs and the last executions of each state machine.");
        var cStatus = new Common(); cStatus.AddTo(status); status.Add(executions);
        status.SetAction((p, ct) => Run(p, cStatus, stacks, host, ct, async (ctx, t) =>
        {
            var r = await ctx.Deployer.StatusAsync(t, Math.Clamp(p.GetValue(executions), 1, 100), ct).ConfigureAwait(false);
            var lines = new List<string>();
            if (!r.Exists) lines.Add($"Stack {r.StackName} is not deployed in {r.Region}.");
            else
            {
                lines.Add($"Stack {r.StackName} ({r.Region}): {r.StackStatus}{(r.StatusReason is null ? "" : " - " + r.StatusReason)}, last change {r.LastUpdated}");
                if (r.Outputs.Count > 0)
                {
                    lines.Add("Outputs:");
                    lines.AddRange(r.Outputs.OrderBy(o => o.Key, StringComparer.Ordinal).Select(o => $"  {o.Key} = {o.Value}"));
                }
                foreach (var m in r.Machines)
                {
                    lines.Add($"State machine {m.Name} ({m.Arn ?? "not created"}):");
                    if (m.LastExecutions.Count == 0) lines.Add("    no executions");
                    lines.AddRange(m.LastExecutions.Select(e => $"    {e.Status,-10} {e.Name}  started {e.StartDate}{(e.StopDate is null ? "" : ", stopped " + e.StopDate)}"));
                }
            }
            ctx.Emit(r, lines);
            return r.Exists ? ExitCodes.Ok : ExitCodes.StackState;
        }));

        var destroy = new Command("destroy", "Delete the stack and its resources (only a stack Flowstate created for this app and stage).");
        var cDestroy = new Common(); cDestroy.AddTo(destroy); destroy.Add(yes);
        destroy.SetAction((p, ct) => Run(p, cDestroy, stacks, host, ct, async (ctx, t) =>
        {
            var r = await ctx.Deployer.DestroyAsync(t, p.GetValue(yes), ct).ConfigureAwait(false);
            ctx.Emit(r, Array.Empty<string>());
            return ExitCodes.Ok;
        }));

        return new[] { plan, deploy, start, status, destroy };
    }

    internal sealed class Context
    {
        public required Deployer Deployer { get; init; }
        public required bool Json { get; init; }
        public required TextWriter Out { get; init; }
        public required Action<string> Progress { get; init; }
        public required Secrets Secrets { get; init; }

        public void Emit<T>(T result, IEnumerable<string> lines)
        {
            if (Json) Out.WriteLine(Secrets.Redact(JsonSerializer.Serialize(result, JsonOut)));
            else foreach (var l in lines) Out.WriteLine(Secrets.Redact(l));
        }
    }

    private static async Task<int> Run(ParseResult p, Common c, IReadOnlyList<DeployStack> stacks, DeployHost host, CancellationToken ct,
        Func<Context, Deployer.Target, Task<int>> body)
    {
        var json = p.GetValue(c.Output) == "json";
        var secrets = new Secrets();
        foreach (var v in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN" }) secrets.Add(host.Environment.Get(v));
        // Progress goes to stderr with --output json, so stdout holds only the JSON document.
        var progressWriter = json ? host.Error : host.Out;
        void Progress(string line) => progressWriter.WriteLine(secrets.Redact(line));
        try
        {
            var stack = PickStack(stacks, p.GetValue(c.Stack));
            var stage = p.GetValue(c.Stage)!;
            var values = StageValues.Load(stage, stack.Name, p.GetValue(c.Values));
            var target = Deployer.Resolve(stack, stage, values);
            var session = new AwsSession(new AwsOptions(p.GetValue(c.Region) ?? values.Region, p.GetValue(c.Profile), p.GetValue(c.EndpointUrl)), host.Environment, secrets);
            Action<string>? verbose = p.GetValue(c.Verbose) ? line => host.Error.WriteLine(secrets.Redact(line)) : null;
            using var http = host.HttpHandler is null ? new HttpClient() : new HttpClient(host.HttpHandler, disposeHandler: false);
            http.Timeout = System.Threading.Timeout.InfiniteTimeSpan; // per-attempt timeouts are Polly's
            // Fail fast, before any AWS call, when credentials or region are missing.
            await session.GetCredentialsAsync(ct).ConfigureAwait(false);
            _ = session.Region;
            var transport = new AwsTransport(session, http, host.Retry, verbose);
            var ui = new ConsoleUi(progressWriter, host.In, host.IsInteractive && !json, secrets);
            var deployer = new Deployer(new CloudFormationClient(transport), new StepFunctionsClient(transport), new S3TemplateStore(session, Progress), ui,
                host.Settings, session.Region, session.ProfileName, host.NextRuns);
            return await body(new Context { Deployer = deployer, Json = json, Out = host.Out, Progress = Progress, Secrets = secrets }, target).ConfigureAwait(false);
        }
        catch (DeployException e)
        {
            return Fail(e.ExitCode, e.Message, e.Hint);
        }
        catch (AwsServiceException e)
        {
            var d = Errors.Explain(e, null, p.GetValue(c.Profile));
            return Fail(d.ExitCode, d.Message, d.Hint);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            return Fail(130, "Cancelled. What was already sent to AWS goes on there; run the same command again to converge.", null);
        }
        catch (Exception e)
        {
            return Fail(ExitCodes.Failed, $"Unexpected error ({e.GetType().Name}): {e.Message}", "This is a bug in Flowstate; please report it with the command you ran (add --verbose).");
        }

        int Fail(int code, string message, string? hint)
        {
            host.Error.WriteLine(secrets.Redact("error: " + message));
            if (hint is not null) host.Error.WriteLine(secrets.Redact("hint: " + hint));
            if (json) host.Out.WriteLine(secrets.Redact(JsonSerializer.Serialize(new { error = message, hint, exitCode = code }, JsonOut)));
            return code;
        }
    }

    private static DeployStack PickStack(IReadOnlyList<DeployStack> stacks, string? name)
    {
        if (stacks.Count == 0) throw new DeployException(ExitCodes.Usage, "This app declares no stack to deploy.", "Declare one with [assembly: FlowstateStack(\"name\")].");
        if (name is null)
        {
            if (stacks.Count == 1) return stacks[0];
            throw new DeployException(ExitCodes.Usage, "This app has several stacks; say which with --stack NAME.", "Stacks: " + string.Join(", ", stacks.Select(s => s.Name)) + ".");
        }
        return stacks.FirstOrDefault(s => s.Name == name)
            ?? throw new DeployException(ExitCodes.Usage, $"No stack named '{name}'.", "Stacks: " + string.Join(", ", stacks.Select(s => s.Name)) + ".");
    }
}

/// <summary>Entry point for a program that has no command line of its own yet.</summary>
public static class DeployConsole
{
    /// <summary>
    /// Parser settings the deploy commands need from their host: no response files, because
    /// <c>start --input @file.json</c> names the input file (as the AWS CLI's <c>file://</c> does).
    /// </summary>
    public static ParserConfiguration ParserConfiguration => new() { ResponseFileTokenReplacer = null };

    public static int Run(string[] args, IReadOnlyList<DeployStack> stacks) => Run(args, stacks, new DeployHost());

    public static int Run(string[] args, IReadOnlyList<DeployStack> stacks, DeployHost host)
    {
        var root = new RootCommand("Deploy this Flowstate app to AWS: plan, deploy, start, status, destroy.");
        foreach (var c in DeployCommands.Create(stacks, host)) root.Add(c);
        var parse = root.Parse(args, ParserConfiguration);
        if (parse.Errors.Count > 0)
        {
            foreach (var e in parse.Errors) host.Error.WriteLine("error: " + e.Message);
            host.Error.WriteLine("Run with --help for usage.");
            return ExitCodes.Usage;
        }
        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) => { e.Cancel = true; cts.Cancel(); };
        Console.CancelKeyPress += onCancel;
        try
        {
            return parse.InvokeAsync(new InvocationConfiguration { Output = host.Out, Error = host.Error, EnableDefaultExceptionHandler = false }, cts.Token)
                .GetAwaiter().GetResult();
        }
        finally { Console.CancelKeyPress -= onCancel; }
    }
}
