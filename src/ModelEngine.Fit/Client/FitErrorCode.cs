namespace ModelEngine.Fit.Client;

/// <summary>Why a call failed.</summary>
public enum FitErrorCode
{
    /// <summary>No fitable matched the call.</summary>
    FitableNotFound,

    /// <summary>Several fitables matched a unicast call and nothing chose among them.</summary>
    TooManyFitables,

    /// <summary>The fitable threw.</summary>
    Faulted,

    /// <summary>The call's timeout passed.</summary>
    TimedOut,

    /// <summary>No live worker could take the call, or the bus failed.</summary>
    Unavailable,

    /// <summary>The arguments do not fit the contract.</summary>
    BadRequest,

    /// <summary>A degradation chain loops back on itself.</summary>
    DegradationCycle,

    /// <summary>A payload handle could not be read: expired, torn or abandoned.</summary>
    PayloadUnavailable,
}
