/**
 * Hostile inputs for the report tests: a snapshot whose host text tries to break HTML, Markdown tables,
 * XML and the terminal, with secrets planted in an ini value, a log excerpt and a credential file.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineRule, fail } from '../../src/core/rules/define.js';
import { cloudConnectorIni, cmd, file, healthy21, withFacts } from '../fixtures/hosts.js';

export const SECRETS = {
  iniPassword: 'Hunter2-Secret!',
  plainText: 'Pl@inText-77',
  keyBody: 'MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7VJTUt9Us8cKj',
  secureBlob: `01000000d08c9ddf0115d1118c7a00c04fc297eb01000000${'a3f2'.repeat(40)}`,
  credentialBlob: `01000000d08c9ddf0115d1118c7a00c04fc297eb010000007d2b${'9c1e'.repeat(40)}`,
  rawPassword: 'R4wSecret#9',
};

export const HOSTILE_HOST = 'CCE-EVIL-01';
export const SCRIPT = '<script>alert("pwned")</script>';

export const PEM = `-----BEGIN RSA PRIVATE KEY-----\n${SECRETS.keyBody}\nQ2x1ZGVDb25uZWN0b3JFZGdlUHJpdmF0ZUtleUJsb2NrRm9yVGVzdHM=\n-----END RSA PRIVATE KEY-----`;

export const CREDENTIAL_XML = `<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04">
  <Obj RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCredential</T></TN>
    <Props><S N="UserName">CONTOSO\\cceadmin</S><SS N="Password">${SECRETS.credentialBlob}</SS></Props></Obj>
</Objs>`;

/** A log excerpt as a rule might quote it: markup, table breakers, escapes, XML breakers, secrets. */
export const LOG_EXCERPT = [
  `2026-11-19 03:12:44 CceService Error: 0 : ${SCRIPT} on ${HOSTILE_HOST}.cce.contoso.local | column | break`,
  `\u001b[31mred\u001b[0m \u001b]0;title\u0007 ]]> </failure> \u0001\u0008 bell`,
  `ConvertTo-SecureString '${SECRETS.plainText}' -AsPlainText -Force`,
  `$s = '${SECRETS.secureBlob}'`,
  PEM,
  'ConvertTo-SecureString : Key not valid for use in specified state.',
].join('\n');

function hostileIni(): string {
  return cloudConnectorIni().replace('[Network]', `DomainAdminPassword=${SECRETS.iniPassword}\r\n\r\n[Network]`).replace('SiteName=Sydney', 'SiteName=Syd|ney <b>x</b>');
}

export function hostileSnapshot() {
  const base = healthy21();
  const snap = withFacts(base, `Hostile: ${SCRIPT} | pipe`, {
    'host.name': cmd(HOSTILE_HOST, 'host.name', 3),
    'file.cloudConnectorIni': file('file.cloudConnectorIni', 'C:\\Users\\cceadmin\\CloudConnector\\ApplianceRoot\\CloudConnector.ini', hostileIni(), 'utf-16le'),
    'file.moduleIni.userProfile': file('file.moduleIni.userProfile', 'C:\\ProgramData\\CloudConnector\\credentials.cceadmin.xml', CREDENTIAL_XML),
    'ps.modulePath': {
      status: 'error', message: `probe failed: password=${SECRETS.rawPassword} \u001b[2J<img src=x onerror=alert(1)>`, raw: CREDENTIAL_XML,
      source: 'command', ref: 'probe ps.modulePath', collectedAt: '2026-11-20T02:14:07.000Z', durationMs: 80,
    },
  }, HOSTILE_HOST);
  return snap;
}

/** Writes a snapshot into a fresh temporary folder and returns its path. */
export function writeTempSnapshot(snap: unknown, name = 'host.json'): string {
  const dir = mkdtempSync(join(tmpdir(), 'ccdoctor-report-'));
  const path = join(dir, name);
  writeFileSync(path, `${JSON.stringify(snap, null, 2)}\n`);
  return path;
}

/** A rule that quotes host text into its finding, as log-scanning rules do. */
export const echoRule = defineRule({
  id: 'test-echo-log',
  title: `Echoes host text ${SCRIPT}`,
  family: 'host', order: 1,
  severity: 'critical',
  applies: 'all',
  symptom: 'test only',
  needs: ['cce.ini', 'host.name'],
  check({ facts }) {
    return fail(`log line on ${facts['host.name']}: ${LOG_EXCERPT.split('\n')[0]}`, [
      { fact: 'host.name', label: 'log excerpt | with pipe', value: LOG_EXCERPT, at: `line 7 <i>${facts['host.name']}</i>` },
      { fact: 'cce.ini', label: 'ini as read', value: facts['cce.ini'].text, at: facts['cce.ini'].path },
    ], { user: 'cceadmin' });
  },
  remediation: [
    {
      id: 'show',
      title: 'Run a command with a host value',
      text: 'The value is quoted with psQuote.',
      command: 'Get-ChildItem -LiteralPath {user}',
      params: { user: 'a user name' },
      runsOn: 'host',
      destructive: true,
    },
  ],
});
