namespace ModelEngine.Studio.Tests.Instances;

/// <summary>
/// A <see cref="StudioTestContext"/> for whole pages: it registers the feature services and disposes asynchronously,
/// because MudBlazor's popover and pointer services implement only <see cref="IAsyncDisposable"/>.
/// </summary>
public abstract class StudioPageTestContext : StudioTestContext, IAsyncLifetime
{
    /// <summary>The bound of every wait in these tests.</summary>
    protected static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    private protected StudioPageTestContext() => InstanceTestData.AddStudioServices(Services);

    public Task InitializeAsync() => Task.CompletedTask;

    // xunit 2 calls Dispose after this, which is then a no-op because the context is already disposed.
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
