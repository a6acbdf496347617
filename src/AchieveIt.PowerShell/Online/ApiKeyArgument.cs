using System.Management.Automation;
using System.Security;

namespace AchieveIt.PowerShell.Online
{
    /// <summary>
    /// -ApiKey takes a SecureString, or a PSCredential whose password is the key (Get-Credential, SecretManagement's
    /// credentials, an Automation credential asset); the user name is not used. Anything else is left to PowerShell's
    /// own conversion, which refuses plain text.
    /// </summary>
    internal sealed class ApiKeyArgumentAttribute : ArgumentTransformationAttribute
    {
        public override object Transform(EngineIntrinsics engineIntrinsics, object inputData)
        {
            var value = inputData is PSObject wrapped ? wrapped.BaseObject : inputData;
            return value is PSCredential credential ? credential.Password : (object)(value as SecureString) ?? inputData;
        }
    }
}
