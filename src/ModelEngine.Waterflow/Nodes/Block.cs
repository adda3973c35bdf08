namespace ModelEngine.Waterflow;

/// <summary>A node that hands every item to a <see cref="FlowBlock{T}"/>, which releases it later into the next node.</summary>
internal sealed class BlockSpec<T> : NodeSpec<T, T>
{
    private readonly FlowBlock<T> _block;

    public BlockSpec(FlowBlock<T> block)
        : base("block")
    {
        _block = block;
    }

    public override bool IsInjectionPoint => true;

    protected override Inlet<T> CreateInlet(FlowCompiler compiler, NodeErrorPolicy<T> errors)
    {
        _block.Attach(compiler.Injector<T>(this), compiler.Runtime.TimeProvider);
        compiler.Runtime.OnCancel(_block.Clear);
        return new BlockNode(_block, Counters);
    }

    private sealed class BlockNode(FlowBlock<T> block, NodeCounters counters) : Inlet<T>
    {
        public override void OnNext(T value, in ItemMeta meta)
        {
            counters.ItemsIn++;
            block.Hold(value, meta);
        }
    }
}
