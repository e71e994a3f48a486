import { compareVersions, defineRule, fail, notAVersion, parseVersion, pass, unknown } from '../src/core/rules/api.js';

export default defineRule({
  id: 'running-version-mismatch',
  title: 'Running version differs from the script version: no high availability',
  family: 'deployment',
  order: 60,
  severity: 'warning',
  applies: '>=1.4.1',
  symptom: 'After Switch-CcVersion to an older version there is no HA',
  needs: ['cce.scriptVersion', 'cce.runningVersion'],
  optional: ['ps.cloudConnectorModule'],
  check({ facts }) {
    const running = facts['cce.runningVersion'];
    // Get-CcVersion exists from 2.0 on; before that the installed scripts are the CloudConnector module's version.
    const moduleVersion = facts['ps.cloudConnectorModule']?.version ?? null;
    const script = facts['cce.scriptVersion'] ?? moduleVersion;
    if (script === null) return unknown('neither Get-CcVersion (CCE 2.0 and later) nor the CloudConnector module gave the script version', ['cce.scriptVersion']);
    if (running === null) return unknown('Get-CcRunningVersion returned nothing: see running-version-empty', ['cce.runningVersion']);
    const evidence = [
      facts['cce.scriptVersion'] !== null
        ? { fact: 'cce.scriptVersion' as const, label: 'Script version (Get-CcVersion)', value: script }
        : { fact: 'ps.cloudConnectorModule' as const, label: 'Script version (CloudConnector module)', value: script },
      { fact: 'cce.runningVersion' as const, label: 'Running version (Get-CcRunningVersion)', value: running },
    ];
    // Get-CcVersion and Get-CcRunningVersion print digits and dots only: "v2" is not their output either.
    const read = (t: string) => (/^\s*\d/.test(t) ? parseVersion(t) : undefined);
    const a = read(script);
    const b = read(running);
    // A version that cannot be read cannot be compared: no confident verdict on it.
    if (!a) return unknown(`the script version cannot be compared: ${notAVersion(script)}`, [facts['cce.scriptVersion'] !== null ? 'cce.scriptVersion' : 'ps.cloudConnectorModule']);
    if (!b) return unknown(`the running version cannot be compared: ${notAVersion(running)}`, ['cce.runningVersion']);
    if (compareVersions(a, b) !== 0) {
      return fail(`the appliance runs ${running} but the scripts are ${script}: this older version has no high availability`, evidence, {
        scriptVersion: script,
      });
    }
    return pass(`running and script versions are both ${script}`, evidence);
  },
  remediation: [
    {
      id: 'switch-back',
      title: 'Switch back so the running version matches the scripts',
      text: 'Run Switch-CcVersion again to return to the version of the installed scripts; then Get-CcVersion and Get-CcRunningVersion print the same version.',
      command: 'Switch-CcVersion',
      runsOn: 'host',
      destructive: false,
    },
    {
      id: 'reinstall-newer',
      title: 'If the newer deployment misbehaves: uninstall and reinstall it soon',
      text: 'Staying on the older version means no HA. Reinstall the newer deployment (the reinstall-appliance procedure) as soon as you can.',
      runsOn: 'host',
      destructive: true,
    },
  ],
});
