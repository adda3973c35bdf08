using Microsoft.Extensions.DependencyInjection;
using ModelEngine.Fel.Workflows.Activities;
using ModelEngine.Fel.Workflows.Tests.Support;
using ModelEngine.Workflows.Descriptors;

namespace ModelEngine.Fel.Workflows.Tests.Activities;

public sealed class DescriptorTests
{
    public static TheoryData<string> TypeNames() =>
    [
        Prompt.TypeName,
        Generate.TypeName,
        Converse.TypeName,
        Retrieve.TypeName,
        SplitAndIndex.TypeName,
        Parse.TypeName,
        DelegateToAgent.TypeName,
    ];

    [Theory]
    [MemberData(nameof(TypeNames))]
    public void Activity_DescribedForDesigner(string typeName)
    {
        using var engine = new FelEngine();
        var registry = engine.Services.GetRequiredService<IActivityRegistry>();

        Assert.True(registry.TryGetDescriptor(typeName, out var descriptor), $"No descriptor for {typeName}.");
        Assert.Equal(typeName, descriptor.TypeName);
        Assert.Equal("AI", descriptor.Category);
        Assert.False(string.IsNullOrWhiteSpace(descriptor.Description));
        Assert.NotEmpty(descriptor.Inputs);
        Assert.All(descriptor.Inputs, input => Assert.False(string.IsNullOrWhiteSpace(input.Description), $"Input '{input.Name}' has no description."));
        Assert.All(descriptor.Inputs, input => Assert.False(string.IsNullOrWhiteSpace(input.UIHint), $"Input '{input.Name}' has no UI hint."));
        Assert.NotEmpty(descriptor.Outputs);
    }

    [Fact]
    public void Delegate_RegisteredUnderItsName()
    {
        using var engine = new FelEngine();
        var registry = engine.Services.GetRequiredService<IActivityRegistry>();

        Assert.True(registry.TryGetDescriptor("ModelEngine.Fel.Delegate", out var descriptor));
        Assert.Equal("Delegate", descriptor.Name);
    }
}
