using System;
using System.Collections.Generic;
using System.IO;

namespace Flowstate.Deploy.Aws;

/// <summary>
/// Where the deploy program reads its AWS settings from: environment variables and the user's home
/// (for the shared config files). Injectable so tests can run many configurations in one process
/// without touching the real environment.
/// </summary>
public sealed class AwsEnvironment
{
    private readonly Func<string, string?> _get;

    public AwsEnvironment(Func<string, string?> get) => _get = get;

    /// <summary>The process environment.</summary>
    public static AwsEnvironment Process { get; } = new(Environment.GetEnvironmentVariable);

    /// <summary>A fixed set of variables (tests).</summary>
    public static AwsEnvironment From(IReadOnlyDictionary<string, string> vars)
        => new(name => vars.TryGetValue(name, out var v) ? v : null);

    public string? Get(string name)
    {
        var v = _get(name);
        return string.IsNullOrWhiteSpace(v) ? null : v;
    }

    public string SharedCredentialsFile
        => Get("AWS_SHARED_CREDENTIALS_FILE") ?? Path.Combine(Home, ".aws", "credentials");

    public string SharedConfigFile
        => Get("AWS_CONFIG_FILE") ?? Path.Combine(Home, ".aws", "config");

    private string Home => Get("HOME") ?? Get("USERPROFILE") ?? Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
}
