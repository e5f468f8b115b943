using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HubPlanner.Core.Contract;

/// <summary>A body read against the contract: the value, or the problems by snake_case field path
/// (<c>site_id</c>, <c>site.lon</c>), each a sentence.</summary>
public sealed record ContractRead<T>(T? Value, IReadOnlyDictionary<string, string[]> Errors)
{
    /// <summary>True when the body had the documented shape.</summary>
    public bool Ok => Errors.Count == 0 && Value is not null;
}

/// <summary>
/// Reads request bodies in the contract shape and names what is wrong: an unknown member, a missing required
/// member, a wrong type, an unknown <c>kind</c>. The checks walk the same type metadata that serialises the
/// contract, so the errors and the schemas cannot drift apart.
/// </summary>
public static class ContractReader
{
    /// <summary>Reads <paramref name="body"/> as a <typeparamref name="T"/>.</summary>
    public static ContractRead<T> Read<T>(JsonElement body)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        Check(body, typeof(T), "", errors);
        if (errors.Count > 0)
        {
            return new ContractRead<T>(default, errors);
        }

        try
        {
            var value = body.Deserialize<T>(ContractJson.Options);
            if (value is null)
            {
                errors[""] = ["the body must be an object, not null"];
            }

            return new ContractRead<T>(value, errors);
        }
        catch (JsonException ex)
        {
            var field = ex.Path is { Length: > 1 } path ? path.TrimStart('$', '.') : "body";
            errors[field] = [$"is not valid: {ex.Message}"];
            return new ContractRead<T>(default, errors);
        }
    }

    private static void Check(JsonElement body, Type type, string path, Dictionary<string, string[]> errors)
    {
        var info = ContractJson.Options.GetTypeInfo(type);
        if (info.Kind != JsonTypeInfoKind.Object)
        {
            return; // numbers, strings, lists: the deserialiser names the path of a wrong type
        }

        string Field(string name) => path.Length == 0 ? name : $"{path}.{name}";
        if (body.ValueKind != JsonValueKind.Object)
        {
            errors[path.Length == 0 ? "body" : path] = [$"expected an object, not {body.ValueKind.ToString().ToLowerInvariant()}"];
            return;
        }

        if (info.PolymorphismOptions is { } poly)
        {
            string discriminator = poly.TypeDiscriminatorPropertyName;
            var kinds = poly.DerivedTypes.Select(d => (string)d.TypeDiscriminator!).ToList();
            if (!body.TryGetProperty(discriminator, out var k) || k.ValueKind != JsonValueKind.String)
            {
                errors[Field(discriminator)] = [$"is required: one of {string.Join(", ", kinds)}"];
                return;
            }

            var derived = poly.DerivedTypes.FirstOrDefault(d => (string)d.TypeDiscriminator! == k.GetString());
            if (derived.DerivedType is null)
            {
                errors[Field(discriminator)] = [$"'{k.GetString()}' is not a kind; one of {string.Join(", ", kinds)}"];
                return;
            }

            CheckMembers(body, ContractJson.Options.GetTypeInfo(derived.DerivedType), discriminator, Field, errors);
            return;
        }

        CheckMembers(body, info, null, Field, errors);
    }

    private static void CheckMembers(JsonElement body, JsonTypeInfo info, string? discriminator, Func<string, string> field, Dictionary<string, string[]> errors)
    {
        var members = info.Properties.Where(p => p.Set is not null || p.AssociatedParameter is not null).ToDictionary(p => p.Name, StringComparer.Ordinal);
        foreach (var member in body.EnumerateObject())
        {
            if (member.Name == discriminator)
            {
                continue;
            }

            if (!members.TryGetValue(member.Name, out var p))
            {
                errors[field(member.Name)] = [$"is not a member of this object; expected {string.Join(", ", members.Keys)}"];
                continue;
            }

            Check(member.Value, p.PropertyType, field(member.Name), errors);
        }

        foreach (var p in members.Values.Where(IsRequired))
        {
            if (!body.TryGetProperty(p.Name, out _))
            {
                errors[field(p.Name)] = ["is required"];
            }
        }
    }

    private static bool IsRequired(JsonPropertyInfo p) => p.IsRequired || p.AssociatedParameter is { HasDefaultValue: false };
}
