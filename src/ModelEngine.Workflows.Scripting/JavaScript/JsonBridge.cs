using System.Buffers;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Runtime;

namespace ModelEngine.Workflows.Scripting.JavaScript;

/// <summary>Converts values between <see cref="JsonNode"/> and Jint's <see cref="JsValue"/>.</summary>
internal static class JsonBridge
{
    /// <summary>Builds plain JavaScript objects, arrays and primitives from <paramref name="node"/> without running script code.</summary>
    public static JsValue ToJsValue(Engine engine, JsonNode? node)
    {
        switch (node)
        {
            case null:
                return JsValue.Null;

            case JsonObject jsonObject:
                // Own data properties, as JSON.parse creates them, so a "__proto__" key cannot change the prototype.
                var result = new JsObject(engine);
                foreach (var (name, child) in jsonObject)
                {
                    result.CreateDataProperty(name, ToJsValue(engine, child));
                }

                return result;

            case JsonArray jsonArray:
                var items = new JsValue[jsonArray.Count];
                for (var i = 0; i < items.Length; i++)
                {
                    items[i] = ToJsValue(engine, jsonArray[i]);
                }

                return new JsArray(engine, items);

            case JsonValue jsonValue:
                return ToJsPrimitive(jsonValue);

            default:
                return JsValue.Null;
        }
    }

    /// <summary>
    /// Converts <paramref name="value"/> with <c>JSON.stringify</c> semantics: <c>toJSON</c> is honoured, functions
    /// and symbols are dropped, and <c>undefined</c>, <c>NaN</c> and infinities become <see langword="null"/>.
    /// </summary>
    /// <remarks>
    /// Objects go through Jint's serializer, which can call script code (<c>toJSON</c>, getters, proxy traps). Call
    /// this only while the engine's constraints are active, that is, from inside a script call or
    /// <see cref="Engine.Invoke(JsValue, object?[])"/>.
    /// </remarks>
    /// <exception cref="JavaScriptException">The value is cyclic or contains a BigInt.</exception>
    public static JsonNode? ToJsonNode(Engine engine, JsValue value)
    {
        switch (value.Type)
        {
            case Types.Undefined:
            case Types.Null:
            case Types.Empty:
            case Types.Symbol:
                return null;

            case Types.Boolean:
                return JsonValue.Create(value.AsBoolean());

            case Types.String:
                return JsonValue.Create(value.AsString());

            case Types.Number:
                return ToJsonNumber(value.AsNumber());

            default:
                var buffer = new ArrayBufferWriter<byte>();
                var written = new Jint.Native.Json.JsonSerializer(engine).Serialize(value, buffer);
                return written ? JsonNode.Parse(buffer.WrittenSpan) : null;
        }
    }

    /// <summary>Returns whether <paramref name="value"/> converts without running script code.</summary>
    public static bool IsPrimitive(JsValue value) => !value.IsObject() && !value.IsBigInt();

    private static JsonNode? ToJsonNumber(double number)
    {
        if (double.IsNaN(number) || double.IsInfinity(number))
        {
            return null;
        }

        // Whole numbers are stored as integers so that "5" reads back as 5 rather than 5.0 in typed conversions.
        const double maxSafeInteger = 9007199254740991;
        if (Math.Abs(number) <= maxSafeInteger && Math.Floor(number) == number)
        {
            return JsonValue.Create((long)number);
        }

        return JsonValue.Create(number);
    }

    private static JsValue ToJsPrimitive(JsonValue value)
    {
        switch (value.GetValueKind())
        {
            case JsonValueKind.True:
                return JsBoolean.True;

            case JsonValueKind.False:
                return JsBoolean.False;

            case JsonValueKind.Number:
                return value.TryGetValue(out double number)
                    ? JsNumber.Create(number)
                    : JsNumber.Create(double.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture));

            case JsonValueKind.String:
                // Values created from CLR types such as Guid or DateTime are strings in JSON but not string-backed.
                return value.TryGetValue(out string? text)
                    ? new JsString(text)
                    : new JsString(JsonSerializer.Deserialize<string>(value.ToJsonString()) ?? string.Empty);

            default:
                return JsValue.Null;
        }
    }
}
