using System.Globalization;
using Microsoft.Extensions.Configuration;
using ModelEngine.Fit.Contracts;
using ModelEngine.Fit.Invocation;
using ModelEngine.Fit.Routing;

namespace ModelEngine.Fit.Hosting;

/// <summary>
/// Reads the dispatch settings of the <c>Fit</c> section into <see cref="FitOptions"/>. It gathers every problem and
/// throws once, each problem naming its full configuration key, so that a bad file is fixed in one pass.
/// </summary>
internal static class FitConfigurationReader
{
    private static readonly string[] s_genericableKeys = ["Timeout", "Retry"];

    private static readonly string[] s_routingKeys = ["Default", "Rules"];

    private static readonly string[] s_ruleKeys = ["Argument", "Operator", "Value", "Values", "Fitable", "Alias"];

    public static void Apply(IConfiguration configuration, FitOptions options)
    {
        var fit = configuration.GetSection(FitNodeOptions.SectionName);
        var errors = new List<string>();

        ReadTimeSpan(fit, "DefaultTimeout", errors, value => options.DefaultTimeout = value);
        ReadCount(fit, "DefaultRetry", errors, value => options.DefaultRetry = value);
        ReadCount(fit, "SharedMemoryThreshold", errors, value => options.SharedMemoryThreshold = value);
        if (fit["NodeId"] is { Length: > 0 } nodeId)
        {
            options.NodeId = nodeId;
        }

        if (fit["Balancing"] is { } balancing)
        {
            if (Enum.TryParse<FitBalancing>(balancing, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed))
            {
                options.Balancing = parsed;
            }
            else
            {
                errors.Add($"{fit.Path}:Balancing: '{balancing}' is not one of {string.Join(", ", Enum.GetNames<FitBalancing>())}.");
            }
        }

        foreach (var section in fit.GetSection("Genericables").GetChildren())
        {
            if (!CheckId(section, errors))
            {
                continue;
            }

            CheckKeys(section, s_genericableKeys, errors);
            var route = options.Route(section.Key);
            ReadTimeSpan(section, "Timeout", errors, value => route.Timeout = value);
            ReadCount(section, "Retry", errors, value => route.Retry = value);
        }

        foreach (var section in fit.GetSection("Routing").GetChildren())
        {
            if (CheckId(section, errors))
            {
                ReadRouting(section, options.Route(section.Key), errors);
            }
        }

        if (errors.Count > 0)
        {
            throw new InvalidOperationException(
                "The FIT configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  " + e)));
        }
    }

    private static void ReadRouting(IConfigurationSection section, FitGenericableRoute route, List<string> errors)
    {
        CheckKeys(section, s_routingKeys, errors);
        if (section["Default"] is { } fallback)
        {
            if (FitIds.IsValid(fallback))
            {
                route.DefaultFitableId = fallback;
            }
            else
            {
                errors.Add($"{section.Path}:Default: '{fallback}' is not a valid fitable id.");
            }
        }

        foreach (var rule in section.GetSection("Rules").GetChildren())
        {
            CheckKeys(rule, s_ruleKeys, errors);
            var argument = rule["Argument"];
            var fitable = rule["Fitable"];
            var alias = rule["Alias"];
            var count = errors.Count;
            if (string.IsNullOrEmpty(argument))
            {
                errors.Add($"{rule.Path}:Argument: a rule needs the name of the argument it tests.");
            }

            var op = FitRouteOperator.Equals;
            if (rule["Operator"] is { } text && !(Enum.TryParse(text, ignoreCase: true, out op) && Enum.IsDefined(op)))
            {
                errors.Add($"{rule.Path}:Operator: '{text}' is not one of {string.Join(", ", Enum.GetNames<FitRouteOperator>())}.");
            }

            var values = rule.GetSection("Values").GetChildren().Select(v => v.Value ?? "").ToList();
            if (rule["Value"] is { } single)
            {
                values.Insert(0, single);
            }

            if (values.Count == 0)
            {
                errors.Add($"{rule.Path}:Value: a rule needs a Value (or Values for the In operator).");
            }
            else if (op != FitRouteOperator.In && values.Count > 1)
            {
                errors.Add($"{rule.Path}:Values: only the In operator takes several values; {op} takes one Value.");
            }

            if (string.IsNullOrEmpty(fitable) == string.IsNullOrEmpty(alias))
            {
                errors.Add($"{rule.Path}:Fitable: a rule names either a Fitable or an Alias, and exactly one of them.");
            }
            else if (fitable is { Length: > 0 } && !FitIds.IsValid(fitable))
            {
                errors.Add($"{rule.Path}:Fitable: '{fitable}' is not a valid fitable id.");
            }

            if (errors.Count == count)
            {
                route.Rules.Add(FitRouteRule.Compare(argument!, op, values,
                    string.IsNullOrEmpty(fitable) ? null : fitable, string.IsNullOrEmpty(alias) ? null : alias));
            }
        }
    }

    /// <summary>Adds an error for each key of <paramref name="section"/> that is not one of <paramref name="allowed"/>.</summary>
    private static void CheckKeys(IConfigurationSection section, string[] allowed, List<string> errors)
    {
        foreach (var child in section.GetChildren())
        {
            if (!allowed.Contains(child.Key, StringComparer.OrdinalIgnoreCase))
            {
                var choices = string.Join(", ", allowed[..^1]) + " or " + allowed[^1];
                errors.Add($"{child.Path} is not a known setting; use {choices}.");
            }
        }
    }

    private static bool CheckId(IConfigurationSection section, List<string> errors)
    {
        if (FitIds.IsValid(section.Key))
        {
            return true;
        }

        errors.Add($"{section.Path}: '{section.Key}' is not a valid genericable id.");
        return false;
    }

    private static void ReadTimeSpan(IConfigurationSection section, string key, List<string> errors, Action<TimeSpan> set)
    {
        if (section[key] is not { } text)
        {
            return;
        }

        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var value) && (value > TimeSpan.Zero || value == Timeout.InfiniteTimeSpan))
        {
            set(value);
        }
        else
        {
            errors.Add($"{section.Path}:{key}: '{text}' is not a positive time span such as 00:00:30 (or -00:00:00.001 for none).");
        }
    }

    private static void ReadCount(IConfigurationSection section, string key, List<string> errors, Action<int> set)
    {
        if (section[key] is not { } text)
        {
            return;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= 0)
        {
            set(value);
        }
        else
        {
            errors.Add($"{section.Path}:{key}: '{text}' is not a whole number of 0 or more.");
        }
    }
}
