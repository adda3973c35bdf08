using System.Text.Json;
using Json.Schema;

namespace ModelEngine.Fel.Tools.Tests.Support;

/// <summary>Checks schemas against the JSON Schema draft 2020-12 meta-schema, which JsonSchema.Net ships.</summary>
internal static class MetaSchema
{
    private static readonly JsonSchema s_draft202012 = JsonSchema.FromText("""{"$ref": "https://json-schema.org/draft/2020-12/schema"}""");

    /// <summary>Returns the meta-schema's errors for <paramref name="schema"/>, or an empty list when it is valid.</summary>
    public static IReadOnlyList<string> Errors(JsonElement schema)
    {
        var results = s_draft202012.Evaluate(schema, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid)
        {
            return [];
        }

        var errors = (results.Details ?? [])
            .Where(detail => detail.Errors is { Count: > 0 })
            .SelectMany(detail => detail.Errors!.Select(error => $"{detail.InstanceLocation}: {error.Value}"))
            .ToList();
        return errors.Count > 0 ? errors : ["invalid against the draft 2020-12 meta-schema"];
    }

    /// <summary>Fails the test with the meta-schema's errors when <paramref name="schema"/> is not valid.</summary>
    public static void AssertValid(JsonElement schema)
    {
        var errors = Errors(schema);
        Assert.True(errors.Count == 0, $"Schema {schema.GetRawText()} is invalid: {string.Join("; ", errors)}");
    }
}
