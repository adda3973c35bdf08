namespace ModelEngine.Studio.Features.Designer;

/// <summary>
/// One entry of the <c>errors</c> list of a rejected publish, with the activity and input named as the designer shows
/// them.
/// </summary>
/// <param name="ActivityId">The activity the error is about, or <see langword="null"/> for the definition itself.</param>
/// <param name="ActivityLabel">The activity's name on the canvas, or its id when the current level does not contain it.</param>
/// <param name="Property">The server's name of the input or field, such as <c>timeSpan</c> or <c>connections</c>.</param>
/// <param name="InputLabel">The input's display name from its descriptor, or <see langword="null"/> when <paramref name="Property"/> is not an input.</param>
/// <param name="Message">The server's message.</param>
public sealed record PublishError(string? ActivityId, string? ActivityLabel, string? Property, string? InputLabel, string Message);
