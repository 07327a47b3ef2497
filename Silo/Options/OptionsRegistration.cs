using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Reroute.Silo.Options;

/// <summary>Registers a project's options section with the silo, in one line.</summary>
public static class OptionsRegistration
{
    /// <summary>
    /// Binds <typeparamref name="TOptions"/> from <paramref name="sectionPath"/> (e.g. <c>Reroute:Runtime</c>),
    /// validates it (data annotations and <see cref="System.ComponentModel.DataAnnotations.IValidatableObject"/>) at
    /// start-up, and registers the section with the <see cref="ConfigurationGuard"/> so that unknown keys and bad values
    /// under it stop the silo with a message naming the key.
    /// </summary>
    public static OptionsBuilder<TOptions> AddRerouteOptions<TOptions>(this IHostApplicationBuilder builder, string sectionPath)
        where TOptions : class, new()
    {
        ArgumentNullException.ThrowIfNull(builder);
        GetConfigurationGuard(builder.Services).Register<TOptions>(sectionPath);
        builder.Services.AddSingleton<IValidateOptions<TOptions>>(new SectionValidator<TOptions>(sectionPath));
        return builder.Services.AddOptions<TOptions>()
            .Bind(builder.Configuration.GetSection(sectionPath), binder => binder.ErrorOnUnknownConfiguration = true)
            .ValidateOnStart();
    }

    /// <summary>The guard of this service collection, created on first use.</summary>
    public static ConfigurationGuard GetConfigurationGuard(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The guard is needed before the container exists (to validate before building), so it lives as an instance.
        if (services.FirstOrDefault(d => d.ServiceType == typeof(ConfigurationGuard))?.ImplementationInstance is ConfigurationGuard guard)
        {
            return guard;
        }

        guard = new ConfigurationGuard();
        services.AddSingleton(guard);
        return guard;
    }

    private sealed class SectionValidator<TOptions>(string sectionPath) : IValidateOptions<TOptions>
        where TOptions : class
    {
        public ValidateOptionsResult Validate(string? name, TOptions options)
        {
            var errors = ConfigurationGuard.ValidateInstance(options, sectionPath);
            return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
        }
    }
}
