namespace ModelEngine.Waterflow;

/// <summary>The end of a publisher flow: it writes results into the edge that the subscription drains on demand.</summary>
internal sealed class PublisherSinkSpec<T> : NodeSpec<T, T>
{
    public PublisherSinkSpec(int window)
        : base("end")
    {
        Output = new CreditEdge<T>(window, "subscriber");
    }

    /// <summary>The edge whose credits the subscriber's demand grants.</summary>
    public CreditEdge<T> Output { get; }

    protected override Inlet<T> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<T> errors)
    {
        var writer = new EdgeWriter<T>(Output, Stage!, isFeedback: false);
        Stage!.AddOutlet(writer);
        compiler.Runtime.OnCancel(Output.Close);
        return new CountingInlet(writer, Counters);
    }

    private sealed class CountingInlet(Inlet<T> next, NodeCounters counters) : Inlet<T>
    {
        public override void OnNext(T value, in ItemMeta meta)
        {
            counters.ItemsIn++;
            counters.ItemsOut++;
            next.OnNext(value, meta);
        }
    }
}
