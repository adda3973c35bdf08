namespace ModelEngine.Studio.Forms;

/// <summary>
/// The marker of the typed-input messages, in TypedInputResources.resx and TypedInputResources.zh-CN.resx. The run
/// dialog and the start form both show them.
/// </summary>
public sealed class TypedInputResources;
