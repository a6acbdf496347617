using System;
using System.Collections;

namespace AchieveIt.Http
{
    /// <summary>
    /// The order of docs/CONTRACT.md §6: parameter, then session, then the environment variables ACHIEVEIT_API_KEY,
    /// ACHIEVEIT_ENVIRONMENT and ACHIEVEIT_BASE_URI, then Commercial. Each setting is resolved on its own.
    /// </summary>
    public static class SettingsResolver
    {
        public const string KeyVariable = "ACHIEVEIT_API_KEY";
        public const string EnvironmentVariable = "ACHIEVEIT_ENVIRONMENT";
        public const string BaseUriVariable = "ACHIEVEIT_BASE_URI";

        /// <summary>Overrides the job-status path template (default api/jobs/{jobId}): the vendor does not document it.</summary>
        public const string StatusPathVariable = "ACHIEVEIT_STATUS_PATH";

        public static AchieveItEnvironment ResolveEnvironment(SettingsSource parameters, SettingsSource session, IDictionary variables)
        {
            var environment = ResolveAddress(parameters, session, variables);
            var statusPath = Variable(variables, StatusPathVariable);
            if (string.IsNullOrWhiteSpace(statusPath)) return environment;
            if (statusPath.IndexOf("{jobId}", StringComparison.Ordinal) < 0)
            {
                throw new AchieveItException(ErrorIds.InvalidSetting, $"{StatusPathVariable} must contain {{jobId}}, such as api/jobs/{{jobId}}.");
            }

            var custom = new AchieveItEnvironment(environment.Name, environment.BaseUri, environment.SubmitPath, statusPath.Trim().TrimStart('/'));
            try
            {
                var probe = custom.StatusUri("job");
                if (!UriRules.SameOrigin(probe, environment.BaseUri)) throw new UriFormatException();
            }
            catch (UriFormatException)
            {
                throw new AchieveItException(ErrorIds.InvalidSetting, $"{StatusPathVariable} must be a path on the API's address, such as api/jobs/{{jobId}}.");
            }

            return custom;
        }

        private static AchieveItEnvironment ResolveAddress(SettingsSource parameters, SettingsSource session, IDictionary variables)
        {
            if (parameters?.BaseUri != null) return Checked(parameters.BaseUri);
            if (!string.IsNullOrEmpty(parameters?.Environment)) return Named(parameters.Environment, "-Environment");
            if (session?.BaseUri != null) return Checked(session.BaseUri);
            if (!string.IsNullOrEmpty(session?.Environment)) return Named(session.Environment, "Connect-AchieveIt -Environment");
            var baseUri = Variable(variables, BaseUriVariable);
            if (!string.IsNullOrEmpty(baseUri))
            {
                if (!Uri.TryCreate(baseUri, UriKind.Absolute, out var uri))
                {
                    throw new AchieveItException(ErrorIds.InsecureUri, $"{BaseUriVariable} is not an absolute URI. Set it to an address such as https://api.achieveit.com, or remove it.");
                }

                return Checked(uri);
            }

            var name = Variable(variables, EnvironmentVariable);
            return string.IsNullOrEmpty(name) ? AchieveItEnvironment.Commercial : Named(name, EnvironmentVariable);
        }

        public static ApiKey ResolveKey(SettingsSource parameters, SettingsSource session, IDictionary variables)
        {
            // A key that was given is used or refused, never passed over: an empty -ApiKey (a secret lookup that found
            // nothing) must not fall through to another tenant's key from the session or the environment.
            if (parameters?.ApiKey != null) return new ApiKey(parameters.ApiKey, parameters.KeySource ?? "-ApiKey");
            if (session?.ApiKey != null) return new ApiKey(session.ApiKey, session.KeySource ?? "Connect-AchieveIt");
            var text = Variable(variables, KeyVariable);
            if (!string.IsNullOrEmpty(text)) return ApiKey.FromText(text, "the environment variable " + KeyVariable);
            throw new AchieveItException(ErrorIds.ApiKeyMissing,
                "No AchieveIt API key was given. Give one in any of three ways: -ApiKey (a SecureString, e.g. from Get-Secret), " +
                $"Connect-AchieveIt -ApiKey once per session, or the environment variable {KeyVariable}.");
        }

        private static AchieveItEnvironment Named(string name, string where)
        {
            return AchieveItEnvironment.FromName(name) ?? throw new AchieveItException(ErrorIds.InvalidSetting,
                $"{where} '{name}' is not an environment. Use Commercial or Government, or give -BaseUri for any other address.");
        }

        private static AchieveItEnvironment Checked(Uri baseUri)
        {
            if (baseUri == null || !baseUri.IsAbsoluteUri)
            {
                throw new AchieveItException(ErrorIds.InsecureUri, $"'{baseUri}' is not an address. Give an absolute address such as https://api.achieveit.com (or the sandbox's http://127.0.0.1:PORT).");
            }

            return Checked(AchieveItEnvironment.Custom(baseUri));
        }

        private static AchieveItEnvironment Checked(AchieveItEnvironment environment)
        {
            var refusal = UriRules.Refusal(environment.BaseUri);
            if (refusal != null) throw new AchieveItException(ErrorIds.InsecureUri, refusal);
            return environment;
        }

        private static string Variable(IDictionary variables, string name) => variables?[name] as string;
    }
}
