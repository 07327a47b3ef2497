using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Reroute.Runtime.Hosting;

/// <summary>Runs an options class's own validation at start-up, naming each bad key by its full configuration path.</summary>
internal sealed class OptionsValidation<TOptions>(string section) : IValidateOptions<TOptions>
    where TOptions : class, IValidatableObject
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = options.Validate(new ValidationContext(options))
            .Select(r => $"{section}:{string.Join(",", r.MemberNames)} {r.ErrorMessage}")
            .ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
