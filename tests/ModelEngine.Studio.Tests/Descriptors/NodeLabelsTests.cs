using ModelEngine.Studio.Api.Descriptors;
using ModelEngine.Studio.Features.Designer.Descriptors;

namespace ModelEngine.Studio.Tests.Descriptors;

public sealed class NodeLabelsTests
{
    private static readonly ActivityDescriptor Server = new() { TypeName = "ModelEngine.UserTask", DisplayName = "User task" };

    private static readonly ActivityDescriptor Translated = Server with { DisplayName = "用户任务", ServerDisplayName = "User task" };

    [Theory]
    [InlineData("UserTask1", "用户任务 1")]
    [InlineData("UserTask12", "用户任务 12")]
    [InlineData("UserTask", "用户任务")]
    [InlineData("UserTaskReview", "UserTaskReview")]
    [InlineData("Manager approval", "Manager approval")]
    public void FromName_Translated_LabelsGeneratedNames(string name, string expected) =>
        Assert.Equal(expected, NodeLabels.FromName(name, Translated));

    [Fact]
    public void FromName_NotTranslated_KeepsName()
    {
        Assert.Equal("UserTask1", NodeLabels.FromName("UserTask1", Server));
        Assert.Equal("UserTask1", NodeLabels.FromName("UserTask1", Server with { ServerDisplayName = "User task" }));
        Assert.Equal("UserTask1", NodeLabels.FromName("UserTask1", null));
    }
}
