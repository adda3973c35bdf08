using Microsoft.Extensions.DependencyInjection;
using ModelEngine.HumanTasks.Activities;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Descriptors;
using ModelEngine.Workflows.Tests.Support;

namespace ModelEngine.Workflows.Tests.Tasks;

public sealed class UserTaskDescriptorTests
{
    [Theory]
    [InlineData("approvalPolicy", "Object", UIHints.JsonEditor)]
    [InlineData("excludedUsers", "String[]", UIHints.UserPicker)]
    [InlineData("excludeInitiator", "Boolean", UIHints.Checkbox)]
    [InlineData("excludePreviousApprovers", "Boolean", UIHints.Checkbox)]
    [InlineData("businessAdministrators", "String[]", UIHints.UserPicker)]
    [InlineData("skippable", "Boolean", UIHints.Checkbox)]
    [InlineData("uiSchema", "Object", UIHints.JsonEditor)]
    [InlineData("startDeadline", "Object", UIHints.JsonEditor)]
    [InlineData("completionDeadline", "Object", UIHints.JsonEditor)]
    [InlineData("reminder", "Object", UIHints.JsonEditor)]
    [InlineData("businessCalendar", "String", UIHints.SingleLine)]
    public void Descriptor_NewInput_HasEditor(string name, string typeName, string uiHint)
    {
        using var engine = new EngineHarness();
        var registry = engine.Services.GetRequiredService<IActivityRegistry>();

        Assert.True(registry.TryGetDescriptor(UserTask.TypeName, out var descriptor));
        var input = Assert.Single(descriptor.Inputs, input => input.Name == name);
        Assert.Equal(typeName, input.TypeName);
        Assert.Equal(uiHint, input.UIHint);
        Assert.False(string.IsNullOrWhiteSpace(input.Description));
    }
}
