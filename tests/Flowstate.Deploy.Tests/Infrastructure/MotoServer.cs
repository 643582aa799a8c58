using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Flowstate.Deploy.Tests.Infrastructure;

/// <summary>
/// moto_server on a free 127.0.0.1 port, owned by the tests: started once per collection, reset
/// between tests, killed (with its children) at the end. Fails with an install hint when moto is missing.
/// </summary>
public sealed class MotoServer : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    public MotoServer()
    {
        Port = FreePort();
        Python.Run("import moto, flask; assert moto.__version__.startswith('5.'), moto.__version__");
        var psi = new ProcessStartInfo(Python.Executable) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { "-m", "moto.server", "-H", "127.0.0.1", "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture) }) psi.ArgumentList.Add(a);
        // moto ignores ClientToken etc.; see MotoGapsTests. Executions stay RUNNING unless configured.
        _process = Process.Start(psi) ?? throw new InvalidOperationException("could not start moto_server");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (_process.HasExited) throw new InvalidOperationException($"moto_server exited with {_process.ExitCode}. Install: {Python.InstallHint}");
            try
            {
                if (_http.GetAsync(Url + "moto-api/data.json").Result.IsSuccessStatusCode) break;
            }
            catch (AggregateException) { }
            if (DateTime.UtcNow > deadline) throw new TimeoutException("moto_server did not answer within 30 s");
            Thread.Sleep(100);
        }
        WarmUp();
    }

    /// <summary>moto imports a service's backend on its first request (seconds on a busy machine); do it once here, not inside a test's timeouts.</summary>
    private void WarmUp()
    {
        using var warm = new HttpClient { Timeout = TimeSpan.FromSeconds(120) };
        foreach (var (service, body, target) in new[]
        {
            ("cloudformation", "Action=ListStacks&Version=2010-05-15", (string?)null),
            ("sts", "Action=GetCallerIdentity&Version=2011-06-15", null),
            ("states", "{}", "AWSStepFunctions.ListStateMachines"),
            ("s3", "", null),
        })
        {
            using var m = new HttpRequestMessage(service == "s3" ? HttpMethod.Get : HttpMethod.Post, Url);
            if (service != "s3")
                m.Content = new StringContent(body, System.Text.Encoding.UTF8, target is null ? "application/x-www-form-urlencoded" : "application/x-amz-json-1.0");
            if (target is not null) m.Headers.TryAddWithoutValidation("X-Amz-Target", target);
            m.Headers.TryAddWithoutValidation("Authorization", $"AWS4-HMAC-SHA256 Credential=AKIAWARMUP0000000000/20260101/us-east-1/{service}/aws4_request, SignedHeaders=host, Signature=00");
            warm.SendAsync(m).Result.Dispose();
        }
    }

    public int Port { get; }
    public string Url => $"http://127.0.0.1:{Port}/";

    /// <summary>Forget every resource (between tests).</summary>
    public void Reset() => _http.PostAsync(Url + "moto-api/reset", null).Result.EnsureSuccessStatusCode();

    /// <summary>moto's own configuration endpoint (e.g. stepfunctions.execute_state_machine).</summary>
    public void Configure(string json)
        => _http.PostAsync(Url + "moto-api/config", new StringContent(json, System.Text.Encoding.UTF8, "application/json")).Result.EnsureSuccessStatusCode();

    public static int FreePort()
    {
        var l = new TcpListener(IPAddress.Loopback, 0);
        l.Start();
        var port = ((IPEndPoint)l.LocalEndpoint).Port;
        l.Stop();
        return port;
    }

    public void Dispose()
    {
        try { if (!_process.HasExited) { _process.Kill(entireProcessTree: true); _process.WaitForExit(5000); } }
        catch (InvalidOperationException) { }
        _process.Dispose();
        _http.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
