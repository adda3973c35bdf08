namespace ModelEngine.Fit.Client;

/// <summary>A failed operator call. The message names the genericable, the fitable when known, and the cause.</summary>
public class FitException : Exception
{
    public FitException(FitErrorCode code, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Code = code;
    }

    public FitErrorCode Code { get; }

    public string? GenericableId { get; init; }

    public string? FitableId { get; init; }

    /// <summary>The worker that ran the failed attempt, or <see langword="null"/> when it ran in this process.</summary>
    public string? WorkerId { get; init; }

    /// <summary>The .NET or foreign type name of the error the fitable raised, when it raised one.</summary>
    public string? RemoteErrorType { get; init; }
}
