using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using ModelEngine.Workflows.Activities;
using ModelEngine.Workflows.Activities.Composition;
using ModelEngine.Workflows.Activities.Flow;
using ModelEngine.Workflows.Descriptors;
using ModelEngine.Workflows.Expressions;
using ModelEngine.Workflows.Models;
using ModelEngine.Workflows.Runtime;
using ModelEngine.Workflows.Validation;

namespace ModelEngine.Workflows.Serialization;

/// <summary>
/// Turns a definition in Elsa 3's JSON shape into an executable <see cref="Workflow"/>, collecting every validation
/// error on the way: unknown types, connections to missing activities or ports, missing required inputs and
/// expressions that do not parse.
/// </summary>
public sealed partial class WorkflowLoader
{
    private readonly ActivityRegistry _registry;
    private readonly ExpressionEvaluatorRegistry _evaluators;

    public WorkflowLoader(ActivityRegistry registry, ExpressionEvaluatorRegistry evaluators)
    {
        _registry = registry;
        _evaluators = evaluators;
    }

    public WorkflowLoadResult Load(JsonObject model)
    {
        var errors = new List<ValidationError>();
        var definitionId = GetString(model, "definitionId") ?? "";
        var versionId = GetString(model, "id") ?? "";
        var version = GetProperty(model, "version") is JsonValue v && v.TryGetValue(out int number) ? number : 1;
        var variablesNode = GetProperty(model, "variables");
        if (variablesNode is not null and not JsonArray)
        {
            errors.Add(new ValidationError(null, "variables", variablesNode.ToJsonString(), "'variables' must be an array of {id, name, typeName, value}."));
        }

        var variables = ReadVariables(variablesNode as JsonArray, errors);

        Activity root;
        if (GetProperty(model, "root") is JsonObject rootJson)
        {
            root = ReadActivity(rootJson, null, errors);
        }
        else
        {
            errors.Add(new ValidationError(null, "root", null, "The definition has no 'root' activity. Add a root flowchart with activities and connections."));
            root = _registry.Create("ModelEngine.Flowchart", out _)!;
            root.Id = "root";
            root.NodeId = "root";
            ((Flowchart)root).Seal();
        }

        var workflow = new Workflow(definitionId, versionId, version, GetString(model, "name"), variables, root);
        ValidateCronTrigger(workflow, errors);
        return new WorkflowLoadResult(workflow, errors);
    }

    private static List<VariableDefinition> ReadVariables(JsonArray? array, List<ValidationError> errors)
    {
        var variables = new List<VariableDefinition>();
        foreach (var item in array ?? [])
        {
            if (item is not JsonObject json || GetString(json, "name") is not { Length: > 0 } name)
            {
                errors.Add(new ValidationError(null, "variables", item?.ToJsonString(), "Each variable needs a 'name'."));
                continue;
            }

            var value = GetProperty(json, "value") switch
            {
                null => null,
                JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
                JsonNode other => other.ToJsonString(),
            };
            variables.Add(new VariableDefinition(GetString(json, "id") ?? name, name, GetString(json, "typeName") ?? "Object", GetProperty(json, "isArray")?.GetValueKind() == JsonValueKind.True, value));
        }

        return variables;
    }

    private Activity ReadActivity(JsonObject json, string? parentNodeId, List<ValidationError> errors)
    {
        var typeName = GetString(json, "type") ?? "";
        var id = GetString(json, "id");
        if (string.IsNullOrEmpty(id))
        {
            id = "activity-" + Guid.NewGuid().ToString("N")[..8];
            errors.Add(new ValidationError(null, "id", null, $"An activity of type '{typeName}' has no 'id'. Give every activity an id that is unique within its flowchart."));
        }

        var activity = _registry.Create(typeName, out var descriptor);
        if (activity is null && IsDefinitionActivity(json))
        {
            activity = _registry.Create(WorkflowDefinitionActivity.TypeName, out descriptor)!;
            activity.Type = typeName;
        }

        if (activity is null)
        {
            errors.Add(new ValidationError(id, "type", typeName, $"Unknown activity type '{typeName}'. Install the module that provides it, or replace the activity."));
            activity = _registry.Create("ModelEngine.NotFoundActivity", out descriptor)!;
            ((NotFoundActivity)activity).MissingTypeName = typeName;
            ((NotFoundActivity)activity).OriginalJson = (JsonObject)json.DeepClone();
        }

        activity.Id = id;
        activity.NodeId = parentNodeId is null ? id : $"{parentNodeId}:{id}";
        activity.Name = GetString(json, "name");
        activity.Version = GetProperty(json, "version") is JsonValue v && v.TryGetValue(out int version) ? version : 1;
        activity.CustomProperties = GetProperty(json, "customProperties") as JsonObject is { } custom ? (JsonObject)custom.DeepClone() : [];
        activity.Metadata = GetProperty(json, "metadata") as JsonObject is { } metadata ? (JsonObject)metadata.DeepClone() : [];

        // Older Elsa files keep these flags at the activity's root.
        foreach (var flag in (string[])["canStartWorkflow", "runAsynchronously"])
        {
            if (GetProperty(json, flag) is JsonValue value && !activity.CustomProperties.ContainsKey(flag))
            {
                activity.CustomProperties[flag] = value.DeepClone();
            }
        }

        if (activity is WorkflowDefinitionActivity definitionActivity)
        {
            BindDefinitionActivity(definitionActivity, json, errors);
        }
        else if (activity is not NotFoundActivity)
        {
            BindInputs(activity, json, descriptor!, errors);
            BindOutputs(activity, json);
            BindEmbeddedPorts(activity, json, errors);
            AddActivityErrors(activity, errors);
        }

        if (activity is Flowchart flowchart)
        {
            ReadFlowchart(flowchart, json, errors);
        }

        activity.JoinMode = ResolveJoinMode(activity);
        return activity;
    }

    /// <summary>
    /// Adds the activity's own checks, except for an input that binding already reported: a missing or invalid input
    /// gets one error, not a second one from a range check that read it as its default value.
    /// </summary>
    private static void AddActivityErrors(Activity activity, List<ValidationError> errors)
    {
        var reported = errors.Where(e => e.ActivityId == activity.Id && e.Property is not null)
            .Select(e => e.Property!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        errors.AddRange(activity.Validate().Where(e => e.ActivityId != activity.Id || e.Property is null || !reported.Contains(e.Property)));
    }

    private void BindInputs(Activity activity, JsonObject json, ActivityDescriptor descriptor, List<ValidationError> errors)
    {
        var properties = activity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance);
        foreach (var input in descriptor.Inputs)
        {
            var property = properties.First(p => ActivityDescriber.JsonName(p) == input.Name);
            var node = GetProperty(json, input.Name);
            if (input.IsWrapped)
            {
                var wrapped = ReadWrappedInput(node, property.PropertyType);
                property.SetValue(activity, wrapped);
                ValidateWrappedInput(activity, input, wrapped, errors);
                continue;
            }

            if (node is null)
            {
                if (input.IsRequired)
                {
                    errors.Add(new ValidationError(activity.Id, input.Name, null, $"Required input '{input.Name}' is missing."));
                }

                continue;
            }

            try
            {
                property.SetValue(activity, node.Deserialize(property.PropertyType, WorkflowJson.Options));
            }
            catch (JsonException exception)
            {
                errors.Add(new ValidationError(activity.Id, input.Name, node.ToJsonString(), $"Input '{input.Name}' is not a valid {input.TypeName}: {exception.Message}"));
            }

            if (property.GetValue(activity) is IEnumerable<IHasExpressions> items)
            {
                foreach (var expression in items.SelectMany(item => item.GetExpressions()))
                {
                    ValidateExpression(activity, input.Name, expression, errors);
                }
            }
        }
    }

    /// <summary>
    /// Rejects a Cron at the flowchart's start whose schedule is an expression: the trigger is registered when the
    /// definition is published, before any instance exists to evaluate it.
    /// </summary>
    private static void ValidateCronTrigger(Workflow workflow, List<ValidationError> errors)
    {
        if (workflow.Root is not Flowchart flowchart || flowchart.ResolveStartActivity() is not Activities.Primitives.Cron cron)
        {
            return;
        }

        if (LiteralInputs.ReadString(cron.CronExpression) is null)
        {
            errors.Add(new ValidationError(cron.Id, Activities.Primitives.Cron.CronExpressionProperty, cron.CronExpression?.Expression?.ValueAsText(),
                $"Activity '{cron.Id}' (Cron) starts the flowchart, so it is a trigger and its 'cronExpression' must be a literal value, not an expression."));
        }

        if (LiteralInputs.ReadString(cron.TimeZone) is null)
        {
            errors.Add(new ValidationError(cron.Id, Activities.Primitives.Cron.TimeZoneProperty, cron.TimeZone?.Expression?.ValueAsText(),
                $"Activity '{cron.Id}' (Cron) starts the flowchart, so it is a trigger and its 'timeZone' must be a literal value, not an expression."));
        }
    }

    private static Input? ReadWrappedInput(JsonNode? node, Type inputType)
    {
        if (node is null)
        {
            return null;
        }

        var input = (Input)Activator.CreateInstance(inputType)!;
        if (node is JsonObject wrapper && (GetProperty(wrapper, "expression") is not null || GetProperty(wrapper, "typeName") is not null || GetProperty(wrapper, "memoryReference") is not null))
        {
            input.TypeName = GetString(wrapper, "typeName");
            if (GetProperty(wrapper, "expression") is JsonObject expression)
            {
                var type = GetProperty(expression, "type") switch
                {
                    null => ExpressionTypes.Literal,
                    JsonValue text when text.GetValueKind() == JsonValueKind.String => text.GetValue<string>(),
                    var other => other.ToJsonString(),
                };
                input.Expression = new Expression(type, GetProperty(expression, "value")?.DeepClone());
            }

            if (GetProperty(wrapper, "memoryReference") is JsonObject reference && GetString(reference, "id") is { } referenceId)
            {
                input.MemoryReference = new MemoryReference(referenceId);
            }

            return input;
        }

        // A bare value is read as a literal, which hand-written files often use.
        input.Expression = new Expression(ExpressionTypes.Literal, node.DeepClone());
        return input;
    }

    private void ValidateWrappedInput(Activity activity, InputDescriptor input, Input? wrapped, List<ValidationError> errors)
    {
        var expression = wrapped?.Expression;
        if (input.IsRequired && IsEmpty(expression))
        {
            errors.Add(new ValidationError(activity.Id, input.Name, null, $"Required input '{input.Name}' is missing. Set it in the activity's properties."));
            return;
        }

        if (expression is not null)
        {
            ValidateExpression(activity, input.Name, expression, errors);
            ValidateLiteral(activity, input, wrapped!, expression, errors);
        }
    }

    /// <summary>Checks that a literal converts to the input's type, so that a typo fails at publish and not at run time.</summary>
    private static void ValidateLiteral(Activity activity, InputDescriptor input, Input wrapped, Expression expression, List<ValidationError> errors)
    {
        if (!string.Equals(expression.Type, ExpressionTypes.Literal, StringComparison.OrdinalIgnoreCase) || IsEmpty(expression))
        {
            return;
        }

        try
        {
            typeof(ValueConverter).GetMethod(nameof(ValueConverter.Convert))!.MakeGenericMethod(wrapped.ValueType).Invoke(null, [expression.Value]);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is FormatException or InvalidCastException or JsonException or OverflowException or ArgumentException or InvalidOperationException)
        {
            var expected = input.Options is { Count: > 0 } options ? $"one of: {string.Join(", ", options)}" : $"a valid {input.TypeName}";
            errors.Add(new ValidationError(activity.Id, input.Name, expression.ValueAsText(), $"Input '{input.Name}' is '{expression.ValueAsText()}', which is not {expected}."));
        }
    }

    private void ValidateExpression(Activity activity, string inputName, Expression expression, List<ValidationError> errors)
    {
        if (!_evaluators.TryGet(expression.Type, out var evaluator))
        {
            errors.Add(new ValidationError(activity.Id, inputName, expression.Type, $"Unknown expression type '{expression.Type}'. Use one of: {string.Join(", ", _evaluators.ExpressionTypes.Order(StringComparer.Ordinal))}."));
            return;
        }

        if (evaluator!.Validate(expression) is { } problem)
        {
            errors.Add(new ValidationError(activity.Id, inputName, expression.ValueAsText(), problem));
        }
    }

    private static void BindOutputs(Activity activity, JsonObject json)
    {
        foreach (var property in activity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!typeof(Output).IsAssignableFrom(property.PropertyType) || property.GetCustomAttribute<OutputAttribute>() is null)
            {
                continue;
            }

            var output = (Output)Activator.CreateInstance(property.PropertyType)!;
            if (GetProperty(json, ActivityDescriber.JsonName(property)) is JsonObject wrapper)
            {
                output.TypeName = GetString(wrapper, "typeName");
                if (GetProperty(wrapper, "memoryReference") is JsonObject reference && GetString(reference, "id") is { } referenceId)
                {
                    output.MemoryReference = new MemoryReference(referenceId);
                }
            }

            property.SetValue(activity, output);
        }
    }

    private void BindEmbeddedPorts(Activity activity, JsonObject json, List<ValidationError> errors)
    {
        foreach (var property in activity.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<PortAttribute>() is null || !typeof(Activity).IsAssignableFrom(property.PropertyType))
            {
                continue;
            }

            if (GetProperty(json, ActivityDescriber.JsonName(property)) is JsonObject child)
            {
                property.SetValue(activity, ReadActivity(child, activity.NodeId, errors));
            }
        }
    }

    private void ReadFlowchart(Flowchart flowchart, JsonObject json, List<ValidationError> errors)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in GetProperty(json, "activities") as JsonArray ?? [])
        {
            if (item is not JsonObject child)
            {
                continue;
            }

            var activity = ReadActivity(child, flowchart.NodeId, errors);
            if (!ids.Add(activity.Id))
            {
                errors.Add(new ValidationError(activity.Id, "id", activity.Id, $"Activity id '{activity.Id}' is used twice in flowchart '{flowchart.Id}'. Activity ids must be unique."));
                continue;
            }

            flowchart.Activities.Add(activity);
        }

        flowchart.Start = GetString(json, "start");
        if (flowchart.Start is not null && !ids.Contains(flowchart.Start))
        {
            errors.Add(new ValidationError(flowchart.Id, "start", flowchart.Start, $"Flowchart '{flowchart.Id}' starts at activity '{flowchart.Start}', which it does not contain."));
        }

        foreach (var item in GetProperty(json, "connections") as JsonArray ?? [])
        {
            if (item is JsonObject connectionJson && ReadConnection(connectionJson) is { } connection)
            {
                flowchart.Connections.Add(connection);
            }
            else
            {
                errors.Add(new ValidationError(flowchart.Id, "connections", item?.ToJsonString(), "A connection needs a source and a target activity."));
            }
        }

        flowchart.Seal();
        ValidateConnections(flowchart, errors);
    }

    /// <summary>Reads the current form <c>{source{activity, port}, target{activity, port}}</c> and the legacy flat form.</summary>
    internal static Connection? ReadConnection(JsonObject json)
    {
        string? sourceActivity, sourcePort, targetActivity, targetPort;
        var source = GetProperty(json, "source");
        var target = GetProperty(json, "target");
        if (source is JsonObject sourceEndpoint && target is JsonObject targetEndpoint)
        {
            sourceActivity = GetString(sourceEndpoint, "activity");
            sourcePort = GetString(sourceEndpoint, "port");
            targetActivity = GetString(targetEndpoint, "activity");
            targetPort = GetString(targetEndpoint, "port");
        }
        else
        {
            sourceActivity = AsString(source);
            targetActivity = AsString(target);
            sourcePort = GetString(json, "sourcePort") ?? GetString(json, "outcome");
            targetPort = GetString(json, "targetPort");
        }

        if (string.IsNullOrEmpty(sourceActivity) || string.IsNullOrEmpty(targetActivity))
        {
            return null;
        }

        return new Connection(sourceActivity, sourcePort ?? "Done", targetActivity, targetPort ?? "In", GetProperty(json, "vertices")?.DeepClone() as JsonArray);
    }

    private static void ValidateConnections(Flowchart flowchart, List<ValidationError> errors)
    {
        foreach (var connection in flowchart.Connections)
        {
            var source = flowchart.FindActivity(connection.SourceActivity);
            var target = flowchart.FindActivity(connection.TargetActivity);
            if (source is null)
            {
                errors.Add(new ValidationError(connection.SourceActivity, "connections", connection.Key, $"A connection starts at activity '{connection.SourceActivity}', which does not exist in flowchart '{flowchart.Id}'."));
            }

            if (target is null)
            {
                errors.Add(new ValidationError(connection.TargetActivity, "connections", connection.Key, $"A connection ends at activity '{connection.TargetActivity}', which does not exist in flowchart '{flowchart.Id}'."));
            }

            if (source is not null and not NotFoundActivity && !HasPort(source, connection.SourcePort))
            {
                errors.Add(new ValidationError(source.Id, "connections", connection.SourcePort, $"Activity '{source.Id}' has no outcome '{connection.SourcePort}'. Its outcomes are: {string.Join(", ", source.GetOutcomes())}."));
            }

            if (target is not null && !string.Equals(connection.TargetPort, "In", StringComparison.OrdinalIgnoreCase))
            {
                errors.Add(new ValidationError(target.Id, "connections", connection.TargetPort, $"A connection must enter activity '{target.Id}' through port 'In', not '{connection.TargetPort}'."));
            }
        }
    }

    private static bool HasPort(Activity activity, string port)
    {
        var outcomes = activity.GetOutcomes();

        // Outcomes computed by an expression are only known at run time.
        return outcomes.Contains(port, StringComparer.OrdinalIgnoreCase) || outcomes.Contains("*", StringComparer.Ordinal);
    }

    private static JoinMode ResolveJoinMode(Activity activity)
    {
        if (activity is IJoinActivity join)
        {
            return join.GetJoinMode();
        }

        // Elsa's token-based flowchart stores the merge mode per activity.
        return GetString(activity.CustomProperties, "mergeMode") switch
        {
            "Merge" or "Converge" => JoinMode.WaitAll,
            "Race" => JoinMode.WaitAny,
            _ => JoinMode.None,
        };
    }

    private static bool IsEmpty(Expression? expression) =>
        expression?.Value is null || (expression.Value is JsonValue value && value.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(value.GetValue<string>()));

    private static JsonNode? GetProperty(JsonObject json, string name)
    {
        if (json.TryGetPropertyValue(name, out var node))
        {
            return node;
        }

        // PascalCase files from older exports.
        var pascal = char.ToUpperInvariant(name[0]) + name[1..];
        return json.TryGetPropertyValue(pascal, out node) ? node : null;
    }

    private static string? GetString(JsonObject json, string name) => AsString(GetProperty(json, name));

    private static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
