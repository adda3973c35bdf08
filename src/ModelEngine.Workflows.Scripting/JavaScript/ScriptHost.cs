using System.Text.Json.Nodes;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;
using ModelEngine.Workflows.Expressions;

namespace ModelEngine.Workflows.Scripting.JavaScript;

/// <summary>
/// The globals of one evaluation: the <c>variables</c> and <c>input</c> objects, the host functions and the generated
/// <c>getX</c>/<c>setX</c> accessors, all bound to one engine and one workflow scope.
/// </summary>
internal sealed class ScriptHost
{
    private readonly Engine _engine;
    private readonly ExpressionExecutionContext _context;

    // The variables object and the JSON of each value it was given, used to find what the script changed.
    private JsObject? _variables;
    private Dictionary<string, JsonNode?>? _variableBaseline;
    private bool _variablesCopiedBack;

    public ScriptHost(Engine engine, ExpressionExecutionContext context)
    {
        _engine = engine;
        _context = context;
    }

    /// <summary>Whether the script has a <c>variables</c> object to copy back.</summary>
    public bool HasVariablesObject => _variables is not null;

    /// <summary>Installs the globals that <paramref name="script"/> mentions.</summary>
    public void Install(PreparedJavaScript script)
    {
        // Input accessors go first so that a variable accessor of the same name replaces them, and built-in functions
        // go last so that a variable named, for example, "Variable" cannot hide getVariable.
        if (script.GetterNames.Count > 0)
        {
            InstallInputAccessors(script.GetterNames);
        }

        if (script.GetterNames.Count > 0 || script.SetterNames.Count > 0)
        {
            InstallVariableAccessors(script.GetterNames, script.SetterNames);
        }

        var globals = script.Globals;

        if (globals.HasFlag(HostGlobals.Variables))
        {
            InstallVariablesObject();
        }

        if (globals.HasFlag(HostGlobals.Input))
        {
            var input = new JsObject(_engine);
            foreach (var (name, value) in _context.Input)
            {
                input.CreateDataProperty(name, JsonBridge.ToJsValue(_engine, value));
            }

            DefineGlobal("input", input);
        }

        InstallFunctions(globals);
    }

    /// <summary>
    /// Writes the properties of the <c>variables</c> object that the script added or changed to the workflow scope,
    /// when the object is plain enough to read without running script code. Returns <see langword="false"/> when
    /// <see cref="CopyVariablesBack"/> has to do it under the engine's constraints instead.
    /// </summary>
    public bool TryCopyVariablesBackDirectly(PlainValueReader reader)
    {
        if (_variables is null || _variablesCopiedBack)
        {
            return true;
        }

        if (!reader.TryRead(_variables, out var current))
        {
            return false;
        }

        ApplyVariableChanges(current);
        return true;
    }

    /// <summary>
    /// Writes the properties of the <c>variables</c> object that the script added or changed to the workflow scope.
    /// Call it only while the engine's constraints are active, because serializing can run script code.
    /// </summary>
    public void CopyVariablesBack()
    {
        if (_variables is null || _variablesCopiedBack)
        {
            return;
        }

        ApplyVariableChanges(JsonBridge.ToJsonNode(_engine, _variables));
    }

    private void ApplyVariableChanges(JsonNode? current)
    {
        _variablesCopiedBack = true;

        if (current is not JsonObject currentObject || _variableBaseline is null)
        {
            return;
        }

        // NOTE: deleting a property of `variables` does not delete the variable, because the scope has no removal.
        foreach (var (name, value) in currentObject)
        {
            if (!_variableBaseline.TryGetValue(name, out var baseline) || !JsonNode.DeepEquals(baseline, value))
            {
                _context.SetVariable(name, value?.DeepClone());
            }
        }
    }

    private void InstallVariablesObject()
    {
        _variables = new JsObject(_engine);
        _variableBaseline = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);

        foreach (var name in _context.VariableNames)
        {
            if (_context.TryGetVariable(name, out var value))
            {
                _variables.CreateDataProperty(name, JsonBridge.ToJsValue(_engine, value));
                _variableBaseline[name] = value;
            }
        }

        DefineGlobal("variables", _variables);
    }

    private void InstallInputAccessors(HashSet<string> getterNames)
    {
        foreach (var name in _context.Input.Keys)
        {
            if (getterNames.Contains(name))
            {
                DefineFunction("get" + name, (_, _) => ReadInput(name), 0);
            }
        }
    }

    private void InstallVariableAccessors(HashSet<string> getterNames, HashSet<string> setterNames)
    {
        foreach (var name in _context.VariableNames)
        {
            if (getterNames.Contains(name))
            {
                DefineFunction("get" + name, (_, _) => ReadVariable(name), 0);
            }

            if (setterNames.Contains(name))
            {
                DefineFunction("set" + name, (_, arguments) => WriteVariable(name, arguments.At(0)), 1);
            }
        }
    }

    private void InstallFunctions(HostGlobals globals)
    {
        if (globals.HasFlag(HostGlobals.GetVariable))
        {
            DefineFunction("getVariable", (_, arguments) => ReadVariable(RequireString(arguments, 0, "getVariable")), 1);
        }

        if (globals.HasFlag(HostGlobals.SetVariable))
        {
            DefineFunction("setVariable", (_, arguments) => WriteVariable(RequireString(arguments, 0, "setVariable"), arguments.At(1)), 2);
        }

        if (globals.HasFlag(HostGlobals.GetInput))
        {
            DefineFunction("getInput", (_, arguments) => ReadInput(RequireString(arguments, 0, "getInput")), 1);
        }

        if (globals.HasFlag(HostGlobals.GetLastResult))
        {
            DefineFunction("getLastResult", (_, _) => JsonBridge.ToJsValue(_engine, _context.LastResult), 0);
        }

        if (globals.HasFlag(HostGlobals.GetOutputFrom))
        {
            DefineFunction("getOutputFrom", GetOutputFrom, 2);
        }

        if (globals.HasFlag(HostGlobals.GetWorkflowInstanceId))
        {
            DefineFunction("getWorkflowInstanceId", (_, _) => new JsString(_context.WorkflowInstanceId), 0);
        }

        if (globals.HasFlag(HostGlobals.GetCorrelationId))
        {
            DefineFunction("getCorrelationId", (_, _) => _context.CorrelationId is { } id ? new JsString(id) : JsValue.Null, 0);
        }

        if (globals.HasFlag(HostGlobals.GetInitiator))
        {
            DefineFunction("getInitiator", (_, _) => _context.Initiator is { } initiator ? new JsString(initiator) : JsValue.Null, 0);
        }

        if (globals.HasFlag(HostGlobals.IsNullOrEmpty))
        {
            DefineFunction("isNullOrEmpty", (_, arguments) => IsNullOr(arguments.At(0), string.IsNullOrEmpty), 1);
        }

        if (globals.HasFlag(HostGlobals.IsNullOrWhiteSpace))
        {
            DefineFunction("isNullOrWhiteSpace", (_, arguments) => IsNullOr(arguments.At(0), string.IsNullOrWhiteSpace), 1);
        }

        if (globals.HasFlag(HostGlobals.ToJson))
        {
            DefineFunction("toJson", (_, arguments) => new JsonSerializer(_engine).Serialize(arguments.At(0)), 1);
        }

        if (globals.HasFlag(HostGlobals.ParseJson))
        {
            DefineFunction("parseJson", (_, arguments) => new JsonParser(_engine).Parse(RequireString(arguments, 0, "parseJson")), 1);
        }

        if (globals.HasFlag(HostGlobals.NewGuid))
        {
            DefineFunction("newGuid", (_, _) => new JsString(Guid.NewGuid().ToString()), 0);
        }
    }

    /// <summary>
    /// Reads a variable from the <c>variables</c> object when the script has one, so that reads see the script's own
    /// writes, and from the workflow scope otherwise. An unknown variable reads as <c>undefined</c>.
    /// </summary>
    private JsValue ReadVariable(string name)
    {
        if (_variables is not null && _variables.GetOwnProperty(name) is { } property && property != PropertyDescriptor.Undefined)
        {
            return property.IsDataDescriptor() ? property.Value : _variables.Get(name);
        }

        return _context.TryGetVariable(name, out var value) ? JsonBridge.ToJsValue(_engine, value) : JsValue.Undefined;
    }

    /// <summary>Writes a variable to the workflow scope at once, and to the <c>variables</c> object when there is one.</summary>
    private JsValue WriteVariable(string name, JsValue value)
    {
        var node = JsonBridge.ToJsonNode(_engine, value);
        _context.SetVariable(name, node);

        if (_variables is not null && _variableBaseline is not null)
        {
            _variables.CreateDataProperty(name, value);
            _variableBaseline[name] = node?.DeepClone();
        }

        return JsValue.Undefined;
    }

    private JsValue ReadInput(string name) =>
        _context.Input.TryGetValue(name, out var value) ? JsonBridge.ToJsValue(_engine, value) : JsValue.Undefined;

    private JsValue GetOutputFrom(JsValue thisValue, JsValue[] arguments)
    {
        var activity = RequireString(arguments, 0, "getOutputFrom");
        var outputName = arguments.At(1);

        string? output = null;
        if (outputName.IsString())
        {
            output = outputName.AsString();
        }
        else if (!(outputName.IsNull() || outputName.IsUndefined()))
        {
            throw new JavaScriptException(_engine.Intrinsics.TypeError, "getOutputFrom expects the output name, argument 2, to be a string or to be left out.");
        }

        return JsonBridge.ToJsValue(_engine, _context.GetOutputFrom(activity, output));
    }

    private static JsValue IsNullOr(JsValue value, Func<string?, bool> test)
    {
        if (value.IsNull() || value.IsUndefined())
        {
            return JsBoolean.True;
        }

        return value.IsString() && test(value.AsString()) ? JsBoolean.True : JsBoolean.False;
    }

    private string RequireString(JsValue[] arguments, int index, string function)
    {
        var value = arguments.At(index);
        if (!value.IsString())
        {
            throw new JavaScriptException(_engine.Intrinsics.TypeError, $"{function} expects a string as argument {index + 1}, but got {value.Type}.");
        }

        return value.AsString();
    }

    private void DefineFunction(string name, Func<JsValue, JsValue[], JsValue> body, int length) =>
        DefineGlobal(name, new ClrFunction(_engine, name, body, length));

    private void DefineGlobal(string name, JsValue value) =>
        _engine.Global.FastSetProperty(name, new PropertyDescriptor(value, writable: true, enumerable: false, configurable: true));
}
