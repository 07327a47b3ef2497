using System.Collections;
using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using Microsoft.Extensions.Configuration;

namespace Reroute.Silo.Options;

/// <summary>
/// Checks everything under <c>Reroute:</c> before the silo starts: every key must belong to a registered section and
/// name a property of that section's options type, every value must convert, and every options type must pass its own
/// validation. A typo in a key would otherwise be ignored silently and the default used instead.
/// </summary>
/// <remarks>Projects register their sections through <see cref="OptionsRegistration.AddRerouteOptions{TOptions}"/>.</remarks>
public sealed class ConfigurationGuard
{
    /// <summary>The root every section registered here lives under.</summary>
    public const string RootSectionName = "Reroute";

    private readonly Dictionary<string, Type> _sections = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The registered sections and the options type each binds to.</summary>
    public IReadOnlyDictionary<string, Type> Sections => _sections;

    /// <summary>Registers a section (e.g. <c>Reroute:Runtime</c>) and the options type its keys must fit.</summary>
    public ConfigurationGuard Register<TOptions>(string sectionPath)
        where TOptions : class, new()
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(sectionPath);
        if (!sectionPath.StartsWith(RootSectionName + ConfigurationPath.KeyDelimiter, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException($"A section must live under '{RootSectionName}:', not '{sectionPath}'.", nameof(sectionPath));
        }

        if (_sections.TryGetValue(sectionPath, out var existing) && existing != typeof(TOptions))
        {
            throw new InvalidOperationException($"Section '{sectionPath}' is already registered for {existing.Name}.");
        }

        _sections[sectionPath] = typeof(TOptions);
        return this;
    }

    /// <summary>Every problem found, one message per key; empty when the configuration is fine.</summary>
    public IReadOnlyList<string> Validate(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var errors = new List<string>();
        CheckRegistration(configuration.GetSection(RootSectionName), errors);

        // Unknown keys and values that do not convert are reported above by key; binding them again would only repeat it.
        if (errors.Count > 0)
        {
            return errors;
        }

        foreach (var (path, type) in _sections)
        {
            ValidateSection(configuration.GetSection(path), type, errors);
        }

        return errors;
    }

    /// <summary>Throws <see cref="ConfigurationValidationException"/> when <see cref="Validate"/> finds anything.</summary>
    public void ThrowIfInvalid(IConfiguration configuration)
    {
        var errors = Validate(configuration);
        if (errors.Count > 0)
        {
            throw new ConfigurationValidationException(errors);
        }
    }

    /// <summary>Validates one bound options instance: data annotations and <see cref="IValidatableObject"/>.</summary>
    public static IReadOnlyList<string> ValidateInstance(object options, string sectionPath)
    {
        ArgumentNullException.ThrowIfNull(options);
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true);
        return results
            .Select(r => $"'{ConfigurationPath.Combine(sectionPath, r.MemberNames.FirstOrDefault() ?? string.Empty).TrimEnd(':')}' {r.ErrorMessage}")
            .ToList();
    }

    private void CheckRegistration(IConfigurationSection node, List<string> errors)
    {
        if (_sections.TryGetValue(node.Path, out var type))
        {
            CheckNode(node, type, errors);
            return;
        }

        var prefix = node.Path + ConfigurationPath.KeyDelimiter;
        if (!_sections.Keys.Any(s => s.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)))
        {
            ReportUnknown(node, errors);
            return;
        }

        if (!string.IsNullOrEmpty(node.Value))
        {
            errors.Add($"'{node.Path}' is a section and cannot have a value.");
        }

        foreach (var child in node.GetChildren())
        {
            CheckRegistration(child, errors);
        }
    }

    private static void CheckNode(IConfigurationSection node, Type type, List<string> errors)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (IsScalar(type))
        {
            foreach (var child in node.GetChildren())
            {
                ReportUnknown(child, errors);
            }

            if (node.Value is not null && !Converts(node.Value, type))
            {
                errors.Add($"'{node.Path}' cannot be converted to {DescribeType(type)}.");
            }

            return;
        }

        if (!string.IsNullOrEmpty(node.Value))
        {
            errors.Add($"'{node.Path}' is a section and cannot have a value.");
        }

        if (DictionaryValueType(type) is { } valueType)
        {
            foreach (var child in node.GetChildren())
            {
                CheckNode(child, valueType, errors);
            }

            return;
        }

        if (CollectionElementType(type) is { } elementType)
        {
            foreach (var child in node.GetChildren())
            {
                if (int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out _))
                {
                    CheckNode(child, elementType, errors);
                }
                else
                {
                    ReportUnknown(child, errors);
                }
            }

            return;
        }

        var properties = BindableProperties(type);
        foreach (var child in node.GetChildren())
        {
            if (properties.TryGetValue(child.Key, out var property))
            {
                CheckNode(child, property.PropertyType, errors);
            }
            else
            {
                ReportUnknown(child, errors);
            }
        }
    }

    private static void ValidateSection(IConfigurationSection section, Type type, List<string> errors)
    {
        object? options;
        try
        {
            options = section.Get(type, binder => binder.ErrorOnUnknownConfiguration = true) ?? Activator.CreateInstance(type);
        }
        catch (InvalidOperationException ex)
        {
            errors.Add($"'{section.Path}' cannot be bound: {ex.Message}");
            return;
        }

        if (options is not null)
        {
            errors.AddRange(ValidateInstance(options, section.Path));
        }
    }

    private static void ReportUnknown(IConfigurationSection node, List<string> errors)
    {
        var leaves = node.AsEnumerable().Where(pair => pair.Value is not null).Select(pair => pair.Key).ToList();
        if (leaves.Count == 0 && !node.GetChildren().Any())
        {
            return;
        }

        foreach (var key in leaves.DefaultIfEmpty(node.Path).Order(StringComparer.OrdinalIgnoreCase))
        {
            errors.Add($"Unknown configuration key '{key}'.");
        }
    }

    private static Dictionary<string, PropertyInfo> BindableProperties(Type type)
    {
        var properties = new Dictionary<string, PropertyInfo>(StringComparer.OrdinalIgnoreCase);
        for (var current = type; current is not null && current != typeof(object); current = current.BaseType)
        {
            foreach (var property in current.GetProperties(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
            {
                if (property.GetMethod is null || property.GetIndexParameters().Length > 0)
                {
                    continue;
                }

                var name = property.GetCustomAttribute<ConfigurationKeyNameAttribute>()?.Name ?? property.Name;
                properties.TryAdd(name, property);
            }
        }

        return properties;
    }

    // The same rule the configuration binder applies: a type a string converts to is a value, not a section.
    private static bool IsScalar(Type type) =>
        type == typeof(string) || type.IsPrimitive || type.IsEnum || TypeDescriptor.GetConverter(type).CanConvertFrom(typeof(string));

    private static bool Converts(string value, Type type)
    {
        if (type == typeof(string))
        {
            return true;
        }

        try
        {
            TypeDescriptor.GetConverter(type).ConvertFromInvariantString(value);
            return true;
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or NotSupportedException or OverflowException or InvalidCastException)
        {
            return false;
        }
        catch (Exception ex) when (ex.InnerException is FormatException or OverflowException)
        {
            return false;
        }
    }

    private static string DescribeType(Type type) => type switch
    {
        _ when type == typeof(TimeSpan) => "a TimeSpan (e.g. 00:05:00)",
        _ when type == typeof(bool) => "a boolean (true or false)",
        _ when type.IsEnum => $"one of {string.Join(", ", Enum.GetNames(type))}",
        _ => $"{type.Name}",
    };

    private static Type? DictionaryValueType(Type type)
    {
        var dictionary = type.IsInterface && type.IsGenericType && IsDictionaryDefinition(type.GetGenericTypeDefinition())
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && IsDictionaryDefinition(i.GetGenericTypeDefinition()));
        return dictionary?.GetGenericArguments()[1];
    }

    private static bool IsDictionaryDefinition(Type definition) =>
        definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>);

    private static Type? CollectionElementType(Type type)
    {
        if (type.IsArray)
        {
            return type.GetElementType();
        }

        if (!typeof(IEnumerable).IsAssignableFrom(type))
        {
            return null;
        }

        var enumerable = type.IsInterface && type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>)
            ? type
            : type.GetInterfaces().FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>));
        return enumerable?.GetGenericArguments()[0];
    }
}
