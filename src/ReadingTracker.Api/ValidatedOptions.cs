using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Options;

namespace ReadingTracker.Api;

/// <summary>
/// Options bound from one configuration section and validated when the host starts, so a wrong value stops the
/// server at start-up with a message naming its key ("The field Database:CircuitBreakSeconds must be between 0
/// and 3600.") instead of failing the first request that reads it. A value that does not convert at all (text
/// for a number) fails the same way, with the binder's own message naming the key.
/// </summary>
public static class ValidatedOptions
{
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class
    {
        services.AddSingleton<IValidateOptions<T>>(new SectionValidator<T>(section));
        return services.AddOptions<T>().BindConfiguration(section).ValidateOnStart();
    }

    /// <summary>
    /// The data annotations on the properties of <paramref name="options"/> (and of those marked
    /// [ValidateObjectMembers], under their own key), then its <see cref="IValidatableObject"/> rules, which get the
    /// section as the context's DisplayName to name their keys with.
    /// </summary>
    public static IReadOnlyList<string> Errors(object options, string section)
    {
        var errors = new List<string>();
        foreach (var property in options.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var attributes = property.GetCustomAttributes<ValidationAttribute>().ToList();
            var nested = property.IsDefined(typeof(ValidateObjectMembersAttribute));
            if (attributes.Count == 0 && !nested)
            {
                continue;
            }

            var key = $"{section}:{property.Name}";
            var value = property.GetValue(options);
            var context = new ValidationContext(options) { MemberName = property.Name, DisplayName = key };
            errors.AddRange(attributes.Select(a => a.GetValidationResult(value, context)?.ErrorMessage).OfType<string>());
            if (nested && value is not null)
            {
                errors.AddRange(Errors(value, key));
            }
        }

        if (errors.Count == 0 && options is IValidatableObject rules)
        {
            errors.AddRange(rules.Validate(new ValidationContext(options) { DisplayName = section }).Select(r => r.ErrorMessage).OfType<string>());
        }

        return errors;
    }

    private sealed class SectionValidator<T>(string section) : IValidateOptions<T>
        where T : class
    {
        public ValidateOptionsResult Validate(string? name, T options) =>
            Errors(options, section) is { Count: > 0 } errors ? ValidateOptionsResult.Fail(errors) : ValidateOptionsResult.Success;
    }
}

/// <summary>An absolute http or https URL. An empty value passes: add [Required] where one must be set.</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class HttpUrlAttribute() : ValidationAttribute("The field {0} must be an absolute http(s) URL.")
{
    public override bool IsValid(object? value) =>
        value is not string text || text.Length == 0
        || (Uri.TryCreate(text, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps));
}

/// <summary>A time zone id this machine knows (IANA, e.g. "Asia/Seoul").</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class TimeZoneIdAttribute() : ValidationAttribute("The field {0} must be a time zone id this machine knows, such as Asia/Seoul.")
{
    public override bool IsValid(object? value) => value is string id && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _);
}
