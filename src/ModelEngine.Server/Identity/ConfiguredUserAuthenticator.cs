using Microsoft.Extensions.Options;
using ModelEngine.Workflows.Security;

namespace ModelEngine.Server.Identity;

/// <summary>Checks user names and passwords against the users under <c>Identity:Users</c>.</summary>
internal sealed partial class ConfiguredUserAuthenticator
{
    /// <summary>The password of the demo users that ship in appsettings.json.</summary>
    public const string DemoPassword = "modelengine";

    // Verifying against this hash when the user is unknown makes both failures take about the same time.
    private static readonly string s_unknownUserHash = CredentialHashes.HashPassword(Guid.NewGuid().ToString("N"));

    private readonly IOptionsMonitor<ServerIdentityOptions> _options;
    private readonly IHostEnvironment _environment;
    private readonly ILogger<ConfiguredUserAuthenticator> _logger;

    public ConfiguredUserAuthenticator(
        IOptionsMonitor<ServerIdentityOptions> options,
        IHostEnvironment environment,
        ILogger<ConfiguredUserAuthenticator> logger)
    {
        _options = options;
        _environment = environment;
        _logger = logger;
    }

    public LoginResult Authenticate(string username, string password)
    {
        var user = _options.CurrentValue.Users
            .FirstOrDefault(candidate => string.Equals(candidate.Username, username, StringComparison.OrdinalIgnoreCase));
        if (user is null)
        {
            CredentialHashes.VerifyPassword(s_unknownUserHash, password);
            Log.Rejected(_logger, username);
            return new LoginResult(null, LoginRejection.InvalidCredentials);
        }

        if (!CredentialHashes.VerifyPassword(user.PasswordHash, password))
        {
            Log.Rejected(_logger, username);
            return new LoginResult(null, LoginRejection.InvalidCredentials);
        }

        if (!_environment.IsDevelopment() && password == DemoPassword)
        {
            Log.DemoPasswordRejected(_logger, user.Username, _environment.EnvironmentName);
            return new LoginResult(null, LoginRejection.DemoPassword);
        }

        var identity = new UserIdentity(user.Username, user.Groups.ToHashSet(StringComparer.Ordinal));
        Log.LoggedIn(_logger, user.Username);
        return new LoginResult(identity, LoginRejection.None);
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1310, Level = LogLevel.Information, Message = "User {UserName} logged in.")]
        public static partial void LoggedIn(ILogger logger, string userName);

        [LoggerMessage(EventId = 1311, Level = LogLevel.Warning, Message = "Login for user {UserName} was rejected: unknown user or wrong password.")]
        public static partial void Rejected(ILogger logger, string userName);

        [LoggerMessage(EventId = 1312, Level = LogLevel.Warning, Message = "Login for user {UserName} was rejected: it still has the demo password, which the {EnvironmentName} environment does not accept.")]
        public static partial void DemoPasswordRejected(ILogger logger, string userName, string environmentName);
    }
}
