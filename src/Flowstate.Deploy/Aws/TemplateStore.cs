using System;
using System.IO;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Amazon.SecurityToken;
using Amazon.SecurityToken.Model;

namespace Flowstate.Deploy.Aws;

/// <summary>Where templates over CloudFormation's inline limit (51,200 bytes) go.</summary>
public interface ITemplateStore
{
    /// <summary>Stores <paramref name="templateBody"/> and returns the TemplateURL CloudFormation reads it from.</summary>
    Task<string> UploadAsync(string stackName, string templateBody, CancellationToken ct);
}

/// <summary>
/// A Flowstate-managed bucket per account and region, <c>flowstate-templates-&lt;account&gt;-&lt;region&gt;</c>
/// (like CDK's bootstrap bucket): created on first use, public access blocked, SSE-S3 encrypted, and
/// kept when a stack is destroyed (other stages and apps share it). Keys are content hashes, so an
/// upload is idempotent. Uses AWSSDK.S3 (in the registry) with our session's credentials and endpoint.
/// </summary>
public sealed class S3TemplateStore : ITemplateStore
{
    private readonly AwsSession _session;
    private readonly Action<string>? _log;

    public S3TemplateStore(AwsSession session, Action<string>? log)
    {
        _session = session;
        _log = log;
    }

    public async Task<string> UploadAsync(string stackName, string templateBody, CancellationToken ct)
    {
        var creds = await _session.GetCredentialsAsync(ct).ConfigureAwait(false);
        AWSCredentials sdkCreds = creds.UseToken ? new SessionAWSCredentials(creds.AccessKey, creds.SecretKey, creds.Token) : new BasicAWSCredentials(creds.AccessKey, creds.SecretKey);
        var region = _session.Region;

        using var sts = new AmazonSecurityTokenServiceClient(sdkCreds, new AmazonSecurityTokenServiceConfig
        {
            ServiceURL = _session.Endpoint(AwsService.Sts).ToString(), AuthenticationRegion = region,
        });
        string account;
        try
        {
            account = (await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), ct).ConfigureAwait(false)).Account;
        }
        catch (AmazonServiceException e)
        {
            throw Errors.Explain(new AwsServiceException("sts", "GetCallerIdentity", e.StatusCode, e.ErrorCode ?? "Error", _session.Secrets.Redact(e.Message), e.RequestId), null, _session.ProfileName);
        }

        var bucket = $"flowstate-templates-{account}-{region}";
        var key = $"templates/{stackName}/{Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(templateBody))).ToLowerInvariant()}.json";
        var s3Endpoint = _session.Endpoint(AwsService.S3);
        using var s3 = new AmazonS3Client(sdkCreds, new AmazonS3Config
        {
            ServiceURL = s3Endpoint.ToString(), AuthenticationRegion = region, ForcePathStyle = true,
        });
        try
        {
            if (!await BucketExistsAsync(s3, bucket, ct).ConfigureAwait(false))
            {
                _log?.Invoke($"creating the template bucket {bucket}");
                var put = new PutBucketRequest { BucketName = bucket };
                if (region != "us-east-1") put.BucketRegionName = region;
                try { await s3.PutBucketAsync(put, ct).ConfigureAwait(false); }
                catch (AmazonS3Exception e) when (e.ErrorCode is "BucketAlreadyOwnedByYou") { }
                await s3.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
                {
                    BucketName = bucket,
                    PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration { BlockPublicAcls = true, BlockPublicPolicy = true, IgnorePublicAcls = true, RestrictPublicBuckets = true },
                }, ct).ConfigureAwait(false);
            }
            _log?.Invoke($"uploading the template ({Encoding.UTF8.GetByteCount(templateBody)} bytes) to s3://{bucket}/{key}");
            await s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = bucket, Key = key, ContentBody = templateBody, ContentType = "application/json",
                ServerSideEncryptionMethod = ServerSideEncryptionMethod.AES256,
            }, ct).ConfigureAwait(false);
        }
        catch (AmazonS3Exception e)
        {
            throw Errors.Explain(new AwsServiceException("s3", "PutObject", e.StatusCode, e.ErrorCode ?? "Error", _session.Secrets.Redact(e.Message), e.RequestId), $"arn:aws:s3:::{bucket}", _session.ProfileName);
        }
        // CloudFormation fetches the template itself, from S3 in the same account and region: the path-style
        // regional URL is what it documents, and local emulators that serve CloudFormation resolve it against
        // their own S3 (moto does).
        return $"https://s3.{region}.amazonaws.com/{bucket}/{key}";
    }

    private static async Task<bool> BucketExistsAsync(AmazonS3Client s3, string bucket, CancellationToken ct)
    {
        try
        {
            await s3.GetBucketLocationAsync(new GetBucketLocationRequest { BucketName = bucket }, ct).ConfigureAwait(false);
            return true;
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound || e.ErrorCode == "NoSuchBucket")
        {
            return false;
        }
    }
}
