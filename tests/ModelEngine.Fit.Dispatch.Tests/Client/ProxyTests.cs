using ModelEngine.Fit.Binding;
using ModelEngine.Fit.Client;
using ModelEngine.Fit.Registry;
using static ModelEngine.Fit.Dispatch.Tests.Fakes.Fits;

namespace ModelEngine.Fit.Dispatch.Tests.Client;

public sealed class ProxyTests
{
    private static (FitClient Client, TextOps Impl, FitRegistry Registry) Create()
    {
        var impl = new TextOps();
        var registry = new FitRegistry();
        foreach (var fitable in FitableBinder.Bind(typeof(TextOps), () => impl, "test"))
        {
            registry.AddLocal(fitable);
        }

        return (NewClient(registry), impl, registry);
    }

    [Fact]
    public async Task Proxy_TaskOfT_ReturnsTheResult()
    {
        var ops = Create().Client.Get<ITextOps>();

        Assert.Equal("ABC", await ops.UpperAsync("abc", CancellationToken.None).WaitAsync(Patience));
    }

    [Fact]
    public async Task Proxy_ValueTaskOfT_ReturnsResults()
    {
        var ops = Create().Client.Get<ITextOps>();

        Assert.Equal(3, await ops.LengthAsync("abc").AsTask().WaitAsync(Patience));
        Assert.Equal(5, await ops.LengthAsync("yield").AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task Proxy_SynchronousAndVoidMethods_Work()
    {
        var (client, impl, _) = Create();
        var ops = client.Get<ITextOps>();

        Assert.Equal(5, ops.Add(2, 3));
        ops.Remember("x");
        await ops.FlushAsync(CancellationToken.None).WaitAsync(Patience);
        Assert.Equal(["x"], impl.Remembered);
        Assert.Equal(1, impl.Flushes);
        await ops.ResetAsync().AsTask().WaitAsync(Patience);
        Assert.Empty(impl.Remembered);
    }

    [Fact]
    public async Task Proxy_CancellationToken_ReachesTheFitable()
    {
        var ops = Create().Client.Get<ITextOps>();
        using var cancel = new CancellationTokenSource();

        var call = ops.UpperAsync("wait", cancel.Token);
        Assert.False(call.IsCompleted);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => call.WaitAsync(Patience));
    }

    [Fact]
    public void Proxy_MethodThatIsNotAGenericable_Throws()
    {
        var ops = Create().Client.Get<ITextOps>();

        var error = Assert.Throws<NotSupportedException>(() => ops.NotAGenericable());

        Assert.Contains("NotAGenericable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Proxy_InternalInterface_Works()
    {
        var registry = new FitRegistry();
        foreach (var fitable in FitableBinder.Bind(typeof(HiddenEcho), () => new HiddenEcho(), "test"))
        {
            registry.AddLocal(fitable);
        }

        Assert.Equal("echo hi", NewClient(registry).Get<IHiddenEcho>().Echo("hi"));
    }

    [Fact]
    public void Proxy_InheritedInterface_ImplementsBothLevels()
    {
        var registry = new FitRegistry();
        foreach (var fitable in FitableBinder.Bind(typeof(DerivedOperator), () => new DerivedOperator(), "test"))
        {
            registry.AddLocal(fitable);
        }

        var proxy = NewClient(registry).Get<IDerivedOperator>();

        Assert.Equal("base a", proxy.Base("a"));
        Assert.Equal("derived b", proxy.Derived("b"));
    }

    [Fact]
    public void Proxy_IsCachedPerType()
    {
        var client = Create().Client;

        Assert.Same(client.Get<ITextOps>(), client.Get<ITextOps>());
        Assert.NotSame(client.Get<ITextOps>(), client.Get<ITextOps>(new FitCallOptions { FitableId = "text-impl" }));
    }

    [Fact]
    public void Proxy_RegistryChanges_RouteFollows()
    {
        var (client, _, registry) = Create();
        var ops = client.Get<ITextOps>();
        Assert.Equal(5, ops.Add(2, 3));

        registry.RemoveLocal("test");

        var error = Assert.Throws<FitException>(() => ops.Add(2, 3));
        Assert.Equal(FitErrorCode.FitableNotFound, error.Code);
    }

    [Fact]
    public async Task Proxy_FitableFailure_SurfacesAsFitException()
    {
        var registry = new FitRegistry();
        var contract = FitableBinder.DescribeContract(typeof(ITextOps)).Single(g => g.Id == "text.upper");
        registry.AddLocal(new LocalFitable(contract, Descriptor("text.upper", "broken"),
            (_, _) => throw new InvalidOperationException("boom"), "test"));
        var ops = NewClient(registry).Get<ITextOps>();

        var error = await Assert.ThrowsAsync<FitException>(() => ops.UpperAsync("a", CancellationToken.None).WaitAsync(Patience));

        Assert.Equal(FitErrorCode.Faulted, error.Code);
        Assert.IsType<InvalidOperationException>(error.InnerException);
    }

    [Fact]
    public void Proxy_NotAnInterface_IsRefused()
    {
        var error = Assert.Throws<ArgumentException>(() => Create().Client.Get<TextOps>());

        Assert.Contains("not an interface", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invoker_NullValueType_PassesDefault()
    {
        var client = Create().Client;

        Assert.Equal(2, await Within(client.InvokeAsync("text.add", [null, 2])));
    }
}
