using MassTransit;

namespace ModelEngine.Fit.MassTransit.Hosting;

/// <summary>
/// The FIT bus: a MassTransit bus of its own beside the server's messaging bus, so that the FIT serializer, the worker
/// queue and the heartbeat queue never mix with workflow messages.
/// </summary>
public interface IFitBus : IBus;
