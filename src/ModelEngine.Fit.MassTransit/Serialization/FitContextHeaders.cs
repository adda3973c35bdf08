using MassTransit;

namespace ModelEngine.Fit.MassTransit.Serialization;

/// <summary>Reads the contract's headers straight from the transport headers of a received FIT message.</summary>
internal static class FitContextHeaders
{
    /// <summary>Reads the <c>MT-RequestId</c> header, or returns <see langword="null"/> when it is missing.</summary>
    public static Guid? RequestId(ConsumeContext context) =>
        context.RequestId ?? (context.ReceiveContext.TransportHeaders.TryGetHeader(FitBusHeaders.RequestId, out var value)
            && Guid.TryParse(value?.ToString(), out var id) ? id : null);

    /// <summary>Reads the <c>MT-ResponseAddress</c> header, or returns <see langword="null"/> when it is missing.</summary>
    public static Uri? ResponseAddress(ConsumeContext context) =>
        context.ResponseAddress ?? (context.ReceiveContext.TransportHeaders.TryGetHeader(FitBusHeaders.ResponseAddress, out var value)
            && Uri.TryCreate(value?.ToString(), UriKind.Absolute, out var address) ? address : null);
}
