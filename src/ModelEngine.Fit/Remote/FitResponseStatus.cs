namespace ModelEngine.Fit.Remote;

/// <summary>The outcome of a remote call. It mirrors <c>Status</c> in fit.fbs.</summary>
public enum FitResponseStatus : byte
{
    Ok = 0,
    FitableNotFound = 1,
    Faulted = 2,
    TimedOut = 3,
    Cancelled = 4,
    BadRequest = 5,
    PayloadUnavailable = 6,
}
