using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Flowstate.Deploy.Aws;

/// <summary>One AWS service as the deploy program addresses it.</summary>
/// <param name="SigningName">SigV4 service name (<c>cloudformation</c>, <c>states</c>, <c>s3</c>).</param>
/// <param name="HostPrefix">endpoint host prefix (<c>states</c> for Step Functions).</param>
/// <param name="EnvironmentId">suffix of <c>AWS_ENDPOINT_URL_&lt;ID&gt;</c>, as the AWS SDKs and CLI spell it.</param>
public sealed record AwsService(string SigningName, string HostPrefix, string EnvironmentId)
{
    public static readonly AwsService CloudFormation = new("cloudformation", "cloudformation", "CLOUDFORMATION");
    public static readonly AwsService StepFunctions = new("states", "states", "SFN");
    public static readonly AwsService S3 = new("s3", "s3", "S3");
    public static readonly AwsService Sts = new("sts", "sts", "STS");
}

/// <summary>What the user asked for on the command line (each may be null).</summary>
public sealed record AwsOptions(string? Region = null, string? Profile = null, string? EndpointUrl = null);

/// <summary>
/// Region, credentials and endpoints, resolved the way the AWS SDKs and CLI resolve them. Credentials
/// come from AWSSDK.Core's default chain (environment, shared config/credentials profiles incl. SSO and
/// assume-role, web identity, container and instance metadata); <c>--profile</c> selects a profile.
/// Resolution is lazy: nothing is looked up until the first request needs it.
/// </summary>
public sealed class AwsSession
{
    private readonly AwsOptions _options;
    private readonly AwsEnvironment _env;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private AWSCredentials? _credentials;
    private string? _region;

    public AwsSession(AwsOptions options, AwsEnvironment env, Secrets secrets)
    {
        _options = options;
        _env = env;
        Secrets = secrets;
    }

    public Secrets Secrets { get; }

    public string? ProfileName => _options.Profile ?? _env.Get("AWS_PROFILE");

    /// <summary>The region: <c>--region</c>, AWS_REGION, AWS_DEFAULT_REGION, the profile's region, then the SDK's own lookup.</summary>
    public string Region => _region ??= ResolveRegion();

    private string ResolveRegion()
    {
        var r = _options.Region ?? _env.Get("AWS_REGION") ?? _env.Get("AWS_DEFAULT_REGION");
        if (r is null && ProfileName is { } p && new CredentialProfileStoreChain().TryGetProfile(p, out var profile) && profile.Region is { } pr)
            r = pr.SystemName;
        if (r is null && ReferenceEquals(_env, AwsEnvironment.Process))
        {
            try { r = FallbackRegionFactory.GetRegionEndpoint()?.SystemName; }
            catch (AmazonClientException) { r = null; }
        }
        return r ?? throw new DeployException(ExitCodes.AwsAccess,
            "No AWS region is configured.",
            "Pass --region NAME (for example --region eu-central-1), or set AWS_REGION, or add 'region = ...' to your profile in " + _env.SharedConfigFile + ".");
    }

    /// <summary>The endpoint for a service: --endpoint-url, AWS_ENDPOINT_URL_&lt;SERVICE&gt;, AWS_ENDPOINT_URL, else the public regional endpoint.</summary>
    public Uri Endpoint(AwsService service)
    {
        if (_options.EndpointUrl is { } explicitUrl) return ParseEndpoint(explicitUrl, "--endpoint-url");
        if (!string.Equals(_env.Get("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS"), "true", StringComparison.OrdinalIgnoreCase))
        {
            var perService = "AWS_ENDPOINT_URL_" + service.EnvironmentId;
            if (_env.Get(perService) is { } s) return ParseEndpoint(s, perService);
            if (_env.Get("AWS_ENDPOINT_URL") is { } g) return ParseEndpoint(g, "AWS_ENDPOINT_URL");
        }
        var suffix = Region.StartsWith("cn-", StringComparison.Ordinal) ? "amazonaws.com.cn" : "amazonaws.com";
        return new Uri($"https://{service.HostPrefix}.{Region}.{suffix}/");
    }

    /// <summary>True when any endpoint is overridden (a local emulator such as moto or LocalStack).</summary>
    public bool HasCustomEndpoint(AwsService service) => !Endpoint(service).Host.EndsWith(".amazonaws.com", StringComparison.Ordinal)
        && !Endpoint(service).Host.EndsWith(".amazonaws.com.cn", StringComparison.Ordinal);

    private static Uri ParseEndpoint(string value, string source)
    {
        if (Uri.TryCreate(value, UriKind.Absolute, out var u) && (u.Scheme == Uri.UriSchemeHttp || u.Scheme == Uri.UriSchemeHttps))
            return u;
        throw new DeployException(ExitCodes.Usage, $"The endpoint '{value}' from {source} is not an http(s) URL.", "Write it as http://127.0.0.1:5000 or https://host.");
    }

    /// <summary>Current credentials (refreshed by the SDK when they are temporary). Their values are registered with <see cref="Secrets"/>.</summary>
    public async Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            _credentials ??= ResolveCredentials();
        }
        finally { _gate.Release(); }

        ImmutableCredentials c;
        try
        {
            c = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
        }
        catch (AmazonClientException e)
        {
            throw CredentialsFailed(e);
        }
        catch (AmazonServiceException e)
        {
            throw CredentialsFailed(e);
        }
        if (c is null || string.IsNullOrEmpty(c.AccessKey) || string.IsNullOrEmpty(c.SecretKey))
            throw NoCredentials(null);
        Secrets.Add(c.AccessKey, c.SecretKey, c.Token);
        return c;
    }

    private AWSCredentials ResolveCredentials()
    {
        if (_options.Profile is { } profile) return FromProfile(profile);
        var id = _env.Get("AWS_ACCESS_KEY_ID");
        var secret = _env.Get("AWS_SECRET_ACCESS_KEY");
        if (id is not null && secret is not null)
        {
            Secrets.Add(id, secret, _env.Get("AWS_SESSION_TOKEN"));
            return _env.Get("AWS_SESSION_TOKEN") is { } token ? new SessionAWSCredentials(id, secret, token) : new BasicAWSCredentials(id, secret);
        }
        if (_env.Get("AWS_PROFILE") is { } envProfile) return FromProfile(envProfile);
        if (!ReferenceEquals(_env, AwsEnvironment.Process))
            throw NoCredentials(null); // an injected environment never falls through to the machine's
        try
        {
            return DefaultAWSCredentialsIdentityResolver.GetCredentials();
        }
        catch (AmazonClientException e)
        {
            throw NoCredentials(e);
        }
    }

    private AWSCredentials FromProfile(string profile)
    {
        var chain = new CredentialProfileStoreChain();
        try
        {
            if (chain.TryGetAWSCredentials(profile, out var creds)) return creds;
        }
        catch (AmazonClientException e)
        {
            throw new DeployException(ExitCodes.AwsAccess, $"The AWS profile '{profile}' could not be used: {Secrets.Redact(e.Message)}",
                $"Check the profile in {_env.SharedConfigFile} and {_env.SharedCredentialsFile}; for an SSO profile run: aws sso login --profile {profile}");
        }
        throw new DeployException(ExitCodes.AwsAccess, $"No AWS profile named '{profile}' was found.",
            $"Looked in {_env.SharedCredentialsFile} and {_env.SharedConfigFile}. Create it with: aws configure --profile {profile}  (or aws configure sso --profile {profile}).");
    }

    private DeployException NoCredentials(Exception? inner)
    {
        var looked = new List<string>
        {
            "environment variables AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN)",
            $"profile '{ProfileName ?? "default"}' in {_env.SharedCredentialsFile} and {_env.SharedConfigFile} (static keys, SSO, assume-role, credential_process)",
            "web identity (AWS_WEB_IDENTITY_TOKEN_FILE + AWS_ROLE_ARN)",
            "container credentials (AWS_CONTAINER_CREDENTIALS_RELATIVE_URI / _FULL_URI)",
            "EC2 instance metadata",
        };
        var message = "No AWS credentials were found. Looked in:\n  - " + string.Join("\n  - ", looked);
        if (inner is not null && Unexpected(inner.Message) is { Length: > 0 } details) message += "\n" + Secrets.Redact(details);
        return new DeployException(ExitCodes.AwsAccess, message,
            "Run 'aws configure' (or 'aws configure sso' then 'aws sso login --profile NAME' and pass --profile NAME), or export AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY. Against a local emulator (moto, LocalStack) any non-empty test keys will do.");
    }

    /// <summary>
    /// The SDK's per-provider reasons that say more than "nothing there" (a malformed profile, an
    /// unreadable token file); the ordinary "not set" / "not found" ones repeat the list above.
    /// </summary>
    private static string Unexpected(string sdkMessage)
    {
        string[] nothingThere =
        {
            "Failed to resolve AWS credentials",
            "were not set with AWS credentials",
            "webIdentityTokenFile must be an absolute path",
            "Unable to find the",
            "Failed to connect to EC2 instance metadata",
        };
        var lines = sdkMessage.Replace("\r", "", StringComparison.Ordinal).Split('\n')
            .Select(l => l.Trim())
            .Where(l => l.Length > 0 && !nothingThere.Any(n => l.Contains(n, StringComparison.Ordinal)))
            .Take(4);
        return string.Join("\n", lines);
    }

    private DeployException CredentialsFailed(Exception e)
    {
        var text = Secrets.Redact(e.Message);
        var refresh = ProfileName is { } p ? $"aws sso login --profile {p}" : "aws sso login (or export fresh AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN)";
        if (text.Contains("expired", StringComparison.OrdinalIgnoreCase))
            return new DeployException(ExitCodes.AwsAccess, "Your AWS credentials have expired: " + FirstLines(text, 3), "Refresh them: " + refresh);
        return new DeployException(ExitCodes.AwsAccess, "The AWS credentials could not be loaded: " + FirstLines(text, 3),
            "Check your profile and credentials; for SSO: " + refresh);
    }

    private static string FirstLines(string s, int n)
    {
        var lines = s.Replace("\r", "", StringComparison.Ordinal).Split('\n');
        return string.Join("\n", lines.Length <= n ? lines : lines[..n]);
    }
}
