namespace ModelEngine.Server.Identity;

/// <summary>Why a login was rejected.</summary>
internal enum LoginRejection
{
    None,

    /// <summary>The user name is unknown or the password does not match.</summary>
    InvalidCredentials,

    /// <summary>The password is still the published demo password, which only the Development environment accepts.</summary>
    DemoPassword,
}
