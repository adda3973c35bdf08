using System.Text;
using Microsoft.Extensions.Options;

namespace ModelEngine.Server.Identity;

/// <summary>
/// Checks the identity settings before the server starts and reports every problem at once. Outside the Development
/// environment, a missing signing key stops the start-up.
/// </summary>
internal sealed class ServerIdentityOptionsValidator : IValidateOptions<ServerIdentityOptions>
{
    private readonly IHostEnvironment _environment;

    public ServerIdentityOptionsValidator(IHostEnvironment environment)
    {
        _environment = environment;
    }

    public ValidateOptionsResult Validate(string? name, ServerIdentityOptions options)
    {
        var errors = new List<string>();

        ExternalOidcOptionsValidator.Validate(options.Oidc, errors);

        if (string.IsNullOrEmpty(options.SigningKey) && !options.Oidc.IsEnabled)
        {
            errors.Add(
                $"Identity:SigningKey is not set in the '{_environment.EnvironmentName}' environment. Set it to a random secret of at least " +
                $"{ServerIdentityOptions.MinSigningKeyBytes} bytes, for example with the environment variable Identity__SigningKey=\"$(openssl rand -base64 48)\", " +
                "and give every node the same value.");
        }
        else if (options.SigningKey is not null && Encoding.UTF8.GetByteCount(options.SigningKey) < ServerIdentityOptions.MinSigningKeyBytes)
        {
            errors.Add(
                $"Identity:SigningKey is {Encoding.UTF8.GetByteCount(options.SigningKey)} bytes long; HMAC-SHA256 needs at least " +
                $"{ServerIdentityOptions.MinSigningKeyBytes}. Use a longer random secret.");
        }

        if (options.TokenLifetime <= TimeSpan.Zero)
        {
            errors.Add($"Identity:TokenLifetime is '{options.TokenLifetime}'; it must be a positive time span such as '08:00:00'.");
        }

        if (options.RefreshTokenLifetime <= TimeSpan.Zero)
        {
            errors.Add($"Identity:RefreshTokenLifetime is '{options.RefreshTokenLifetime}'; it must be a positive time span such as '14.00:00:00'.");
        }

        if (options.ApiKeyCacheDuration < TimeSpan.Zero)
        {
            errors.Add($"Identity:ApiKeyCacheDuration is '{options.ApiKeyCacheDuration}'; it must be zero (no cache) or a positive time span such as '00:00:30'.");
        }

        for (var i = 0; i < options.Users.Count; i++)
        {
            var user = options.Users[i];
            if (string.IsNullOrWhiteSpace(user.Username) || string.IsNullOrWhiteSpace(user.PasswordHash))
            {
                errors.Add($"Identity:Users:{i} needs both Username and PasswordHash (print a hash with 'hash-password PASSWORD').");
            }
        }

        for (var i = 0; i < options.ApiKeys.Count; i++)
        {
            var key = options.ApiKeys[i];
            if (string.IsNullOrWhiteSpace(key.Name) || key.Hash.Trim().Length != 64 || !key.Hash.Trim().All(char.IsAsciiHexDigit))
            {
                errors.Add($"Identity:ApiKeys:{i} needs a Name and a Hash of 64 hex digits, the SHA-256 of the key (print one with 'hash-api-key').");
            }
        }

        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
