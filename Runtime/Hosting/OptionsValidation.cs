using Microsoft.Extensions.Options;

namespace Reroute.Runtime.Hosting;

/// <summary>Runs an options class's own <c>Validate()</c> lines at start-up.</summary>
internal sealed class OptionsValidation<TOptions>(Func<TOptions, IEnumerable<string>> validate) : IValidateOptions<TOptions>
    where TOptions : class
{
    public ValidateOptionsResult Validate(string? name, TOptions options)
    {
        var problems = validate(options).ToList();
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
