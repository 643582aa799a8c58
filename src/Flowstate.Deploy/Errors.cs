using System;
using System.Text.RegularExpressions;
using Flowstate.Deploy.Aws;

namespace Flowstate.Deploy;

/// <summary>Turns an AWS error answer into a message a person can act on (what happened, what to do).</summary>
internal static class Errors
{
    private static readonly Regex NotAuthorized = new(@"not authorized to perform:?\s*(?<action>[\w\-]+:[\w\-\*]+)(?:\s+on resource:?\s*(?<resource>\S+))?",
        RegexOptions.CultureInvariant | RegexOptions.IgnoreCase);

    public static DeployException Explain(AwsServiceException e, string? resource, string? profile)
    {
        var refresh = profile is { } p ? $"aws sso login --profile {p}" : "aws sso login --profile NAME (then pass --profile NAME), or export fresh AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY / AWS_SESSION_TOKEN";
        switch (e.Code)
        {
            case "ExpiredToken" or "ExpiredTokenException" or "TokenRefreshRequired" or "RequestExpired":
                return new DeployException(ExitCodes.AwsAccess, $"Your AWS session token has expired ({e.Code} on {e.Service}:{e.Operation}).",
                    "Refresh your credentials: " + refresh + ", then run the command again.", e);
            case "InvalidClientTokenId" or "UnrecognizedClientException" or "SignatureDoesNotMatch" or "IncompleteSignature"
                or "MissingAuthenticationToken" or "AuthFailure" or "InvalidSignatureException":
                return new DeployException(ExitCodes.AwsAccess, $"AWS did not accept your credentials ({e.Code} on {e.Service}:{e.Operation}): {e.AwsMessage}",
                    "Check which credentials are in use (environment variables override profiles; --profile selects one), or refresh them: " + refresh + ".", e);
            case "AccessDenied" or "AccessDeniedException" or "UnauthorizedOperation" or "AuthorizationError" or "UnauthorizedAccess":
                {
                    var m = NotAuthorized.Match(e.AwsMessage);
                    var action = m.Success ? m.Groups["action"].Value : $"{e.Service}:{e.Operation}";
                    var on = m.Success && m.Groups["resource"].Success ? m.Groups["resource"].Value.TrimEnd('.', ',') : resource ?? "*";
                    return new DeployException(ExitCodes.AwsAccess, $"Access denied: you are not allowed to call {action} on {on}.",
                        $"Ask for an IAM policy that allows {action} on {on}, or use a profile that has it (--profile NAME).", e);
                }
        }
        if (e.Code == "ValidationError" && e.AwsMessage.Contains("state and can not be updated", StringComparison.OrdinalIgnoreCase))
            return new DeployException(ExitCodes.StackState, $"The stack is busy: {e.AwsMessage}",
                "Another deploy, rollback or delete is running on it. Wait until it finishes ('status' shows it), then run the command again.", e);
        return new DeployException(ExitCodes.Failed, $"{e.Service}:{e.Operation} failed: {e.Code}: {e.AwsMessage}", null, e);
    }

    public static bool IsStackMissing(AwsServiceException e)
        => e.Code == "ValidationError" && e.AwsMessage.Contains("does not exist", StringComparison.OrdinalIgnoreCase)
           || e.Code is "StackNotFoundException";

    public static bool IsNoChanges(string? reason)
        => reason is not null && (reason.StartsWith("The submitted information didn't contain changes", StringComparison.Ordinal)
                                  || reason.StartsWith("No updates are to be performed", StringComparison.Ordinal));
}
