namespace ModelEngine.Studio.Features.Designer.Properties;

/// <summary>A workflow variable as the pickers list it: the id that outputs and expressions reference, the name and the type.</summary>
public sealed record DesignerVariable(string Id, string Name, string TypeName);
