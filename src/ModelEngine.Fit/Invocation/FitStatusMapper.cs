using ModelEngine.Fit.Client;
using ModelEngine.Fit.Remote;

namespace ModelEngine.Fit.Invocation;

/// <summary>Translates between worker response statuses and <see cref="FitErrorCode"/>s.</summary>
internal static class FitStatusMapper
{
    public static FitErrorCode ToCode(FitResponseStatus status) => status switch
    {
        FitResponseStatus.FitableNotFound => FitErrorCode.FitableNotFound,
        FitResponseStatus.TimedOut => FitErrorCode.TimedOut,
        FitResponseStatus.Cancelled => FitErrorCode.Unavailable,
        FitResponseStatus.BadRequest => FitErrorCode.BadRequest,
        FitResponseStatus.PayloadUnavailable => FitErrorCode.PayloadUnavailable,
        _ => FitErrorCode.Faulted,
    };

    public static FitResponseStatus ToStatus(FitErrorCode code) => code switch
    {
        FitErrorCode.FitableNotFound => FitResponseStatus.FitableNotFound,
        FitErrorCode.TimedOut => FitResponseStatus.TimedOut,
        FitErrorCode.BadRequest => FitResponseStatus.BadRequest,
        FitErrorCode.PayloadUnavailable => FitResponseStatus.PayloadUnavailable,
        _ => FitResponseStatus.Faulted,
    };

    /// <summary>Converts a failed response to an exception that names the genericable, fitable, worker and remote error.</summary>
    public static FitException ToException(FitResponse response, string genericableId, string fitableId, string workerId)
    {
        var error = response.ErrorType is null ? response.ErrorMessage ?? "no detail" : $"{response.ErrorType}: {response.ErrorMessage}";
        return new FitException(ToCode(response.Status),
            $"Genericable '{genericableId}' fitable '{fitableId}' failed on worker '{response.WorkerId ?? workerId}' with status {response.Status}: {error}")
        {
            GenericableId = genericableId,
            FitableId = fitableId,
            WorkerId = response.WorkerId ?? workerId,
            RemoteErrorType = response.ErrorType,
        };
    }
}
