/**
 * Every documented error text (catalogue "signature" column; reference/cce-domain.md §1.2 and §11),
 * each with the rule that must explain it. Placeholders are filled as they would be at run time.
 */
export interface Documented {
  rule: string;
  /** Where the text comes from, for a failing test's message. */
  source: string;
  text: string;
}

export const DOCUMENTED: readonly Documented[] = [
  {
    rule: 'management-switch-in-use',
    source: 'cce-domain §1.2 issue 3 (1.3.x switch name)',
    text: "Remove-VMSwitch : Failed while removing virtual Ethernet switch. The virtual switch 'Cloud Connector Management Switch' cannot be deleted because it is being used by running virtual machines or assigned to child pools.",
  },
  {
    rule: 'management-switch-in-use',
    source: 'catalogue (1.4+ switch name)',
    text: "Remove-VMSwitch : Failed while removing virtual Ethernet switch. The virtual switch 'SfB CCE Management Switch' cannot be deleted because it is being used by running virtual machines or assigned to child pools.",
  },
  {
    rule: 'registration-conflict',
    source: 'cce-domain §1.2 issue 8 (full template)',
    text: 'Cannot register appliance because your current input/configuration Site1 or CCE01 or MS1.cce.contoso.com or 192.168.0.15 conflicts with existing appliance(s). Remove conflict appliance or update your input/configuration information then register again.',
  },
  {
    rule: 'registration-conflict',
    source: 'catalogue',
    text: 'Cannot register appliance because your current input/configuration EMEA-Site or APPL2 or mediation.cce.local or 10.0.1.20 conflicts with existing appliance(s).',
  },
  {
    rule: 'ini-state-missing',
    source: 'cce-domain §1.2 issue 15',
    text: 'Failed to install new instance with error: Cannot set "State" because only strings can be used as values to set XmlNode properties',
  },
  {
    rule: 'dism-stale-mount',
    source: 'cce-domain §1.2 issue 16',
    text: 'Dismount-WindowsImage : Dismount-WindowsImage failed. Error code = 0xc1550115',
  },
  {
    rule: 'site-autoupdate-disabled',
    source: 'cce-domain §1.2 issue 7',
    text: 'Windows automatic updating is not enabled. To ensure that your newly-installed role or feature is automatically updated, turn on Windows Update.',
  },
  {
    rule: 'dotnet-too-old',
    source: "cce-domain §1.2 issue 14 (the doc's For Each-Object spelling)",
    text: "For Each-Object : The property 'Common' cannot be found on this object. Verify that the property exists. At C:\\Program Files\\WindowsPowerShell\\Modules\\CloudConnector\\Internal\\MtHostCommon.ps1:681 char:14",
  },
  {
    rule: 'dotnet-too-old',
    source: 'PowerShell 5.1 as printed',
    text: "ForEach-Object : The property 'Common' cannot be found on this object. Verify that the property exists.\nAt C:\\Program Files\\WindowsPowerShell\\Modules\\CloudConnector\\Internal\\MtHostCommon.ps1:681 char:14\n+ ... $_.Common ...\n+     ~~~~~~~~~\n    + CategoryInfo          : NotSpecified: (:) [ForEach-Object], PropertyNotFoundException\n    + FullyQualifiedErrorId : PropertyNotFoundStrict,Microsoft.PowerShell.Commands.ForEachObjectCommand",
  },
  {
    rule: 'edge-cert-chain-untrusted',
    source: 'cce-domain §1.2 issue 4',
    text: 'Service RTCMRAUTH failed to start. Check to make sure the service is not disabled.',
  },
  {
    rule: 'edge-cert-chain-untrusted',
    source: 'catalogue (also RTCSRV)',
    text: 'Service RTCSRV failed to start. Check to make sure the service is not disabled.',
  },
  {
    rule: 'module-analysis-cache-stale',
    source: 'cce-domain §1.2 issue 20',
    text: "The term 'Stop-CsWindowsService' is not recognized as the name of a cmdlet, function, script file, or operable program.",
  },
  {
    rule: 'cloudconnector-module-not-found',
    source: 'cce-domain §1.2 issue 21 (the doc, curly quotes, no space before the colon)',
    text: 'Import-Module: The specified module “CloudConnector” was not loaded because no valid module file was found in any module directory',
  },
  {
    rule: 'cloudconnector-module-not-found',
    source: 'PowerShell 5.1 as printed',
    text: "Import-Module : The specified module 'CloudConnector' was not loaded because no valid module file was found in any module directory.",
  },
  {
    rule: 'tenant-admin-logon-failed',
    source: 'cce-domain §1.2 issue 12 (log line)',
    text: 'CceService Error: 0 : Unexpected exception when reporting status to online: System.Management.Automation.CmdletInvocationException: Logon failed for the user admin@contoso.onmicrosoft.com. Please create a new credential object, making sure that you have used the correct user name and password. --->',
  },
  {
    rule: 'credential-store-unreadable',
    source: 'cce-domain §1.2 issue 13',
    text: 'ConvertTo-SecureString : Key not valid for use in specified state.',
  },
];

/** Texts that look like a documented one but are another problem: no rule may claim them. */
export const LOOKALIKES: readonly { like: string; text: string }[] = [
  { like: 'cloudconnector-module-not-found', text: "Import-Module : The specified module 'SkypeOnlineConnector' was not loaded because no valid module file was found in any module directory." },
  { like: 'cloudconnector-module-not-found', text: 'Import-Module: The specified module “CloudConnectorTools” was not loaded because no valid module file was found in any module directory' },
  { like: 'module-analysis-cache-stale', text: "The term 'Stop-CsWindowsServices' is not recognized as the name of a cmdlet, function, script file, or operable program." },
  { like: 'module-analysis-cache-stale', text: "The term 'Get-CsOnlineUser' is not recognized as the name of a cmdlet, function, script file, or operable program." },
  { like: 'dism-stale-mount', text: 'Dismount-WindowsImage : Dismount-WindowsImage failed. Error code = 0xc1420117' },
  { like: 'dism-stale-mount', text: 'Dismount-WindowsImage : Dismount-WindowsImage failed. Error code = 0xc1550116' },
  { like: 'edge-cert-chain-untrusted', text: 'Service W3SVC failed to start. Check to make sure the service is not disabled.' },
  { like: 'edge-cert-chain-untrusted', text: 'Service RTCMEDSRV failed to start. Check to make sure the service is not disabled.' },
  { like: 'dotnet-too-old', text: "ForEach-Object : The property 'Identity' cannot be found on this object. Verify that the property exists." },
  { like: 'ini-state-missing', text: 'Failed to install new instance with error: Cannot set "Country" because only strings can be used as values to set XmlNode properties' },
  { like: 'credential-store-unreadable', text: 'ConvertFrom-SecureString : Key not valid for use in specified state.' },
];
